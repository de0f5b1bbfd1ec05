import { importUrl, ImportError } from "../../src/import";

const CSV = "项目名称,所属地区,签约金额(亿元)\n甲,西宁市,1\n";

function streamOf(chunks: Uint8Array[], delayMs = 0): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    async pull(ctl) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (i < chunks.length) ctl.enqueue(chunks[i++]);
      else ctl.close();
    },
  });
}

function fakeFetch(
  handler: (url: string, init?: RequestInit) => Promise<Response>,
): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(input));
    return handler(String(input), init);
  }) as typeof fetch & { calls: string[] };
  f.calls = calls;
  return f;
}

async function importError(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("importUrl", () => {
  test("https CSV by content type", async () => {
    const f = fakeFetch(async () => new Response(CSV, { headers: { "content-type": "text/csv; charset=utf-8" } }));
    const r = await importUrl("https://data.example.gov.cn/ledger", { fileName: "", fetchImpl: f });
    expect(r.records[0]).toMatchObject({ name: "甲", signed_amount: 1 });
    expect(f.calls).toEqual(["https://data.example.gov.cn/ledger"]);
  });

  test("JSON by content type even with a .csv-looking path", async () => {
    const f = fakeFetch(
      async () =>
        new Response(JSON.stringify([{ 项目名称: "乙", 所属地区: "海东市" }]), {
          headers: { "content-type": "application/json" },
        }),
    );
    const r = await importUrl("https://x.example.com/api/export.csv", { fileName: "", fetchImpl: f });
    expect(r.records[0].name).toBe("乙");
  });

  test("GBK charset from the content type", async () => {
    const { encodeGbk } = await import("./helpers");
    const f = fakeFetch(
      async () => new Response(encodeGbk(CSV), { headers: { "content-type": "text/csv; charset=GBK" } }),
    );
    const r = await importUrl("https://x.example.com/a", { fileName: "", fetchImpl: f });
    expect(r.records[0].name).toBe("甲");
  });

  test("http://example.com is refused without a request; http://localhost and 127.0.0.1 are allowed", async () => {
    const f = fakeFetch(async () => new Response(CSV));
    const e = await importError(importUrl("http://example.com/a.csv", { fileName: "", fetchImpl: f }));
    expect(e.code).toBe("URL_INSECURE");
    expect(e.message_zh).toContain("https");
    expect(f.calls).toEqual([]);
    await expect(
      importUrl("http://localhost:3000/seeds/projects.csv", { fileName: "", fetchImpl: f }),
    ).resolves.toBeTruthy();
    await expect(importUrl("http://127.0.0.1/a.csv", { fileName: "", fetchImpl: f })).resolves.toBeTruthy();
    expect((await importError(importUrl("ftp://x/a.csv", { fileName: "", fetchImpl: f }))).code).toBe("URL_INVALID");
    expect((await importError(importUrl("not a url", { fileName: "", fetchImpl: f }))).code).toBe("URL_INVALID");
  });

  test("a redirect to plain http elsewhere is refused", async () => {
    const f = fakeFetch(async () => {
      const res = new Response(CSV);
      Object.defineProperty(res, "url", { value: "http://evil.example.com/a.csv" });
      return res;
    });
    expect((await importError(importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: f }))).code).toBe(
      "URL_INSECURE",
    );
  });

  test("without fetchImpl, globalThis.fetch is called bound (no 'Illegal invocation')", async () => {
    const original = globalThis.fetch;
    const calls: unknown[] = [];
    globalThis.fetch = function (this: unknown, input: RequestInfo | URL) {
      calls.push(this);
      if (this !== globalThis) throw new TypeError("Illegal invocation");
      void input;
      return Promise.resolve(new Response(CSV, { headers: { "content-type": "text/csv" } }));
    } as typeof fetch;
    try {
      const r = await importUrl("https://x.example.com/a.csv", { fileName: "" });
      expect(r.records).toHaveLength(1);
      expect(calls).toHaveLength(1);
    } finally {
      globalThis.fetch = original;
    }
  });

  test("HTTP 404", async () => {
    const f = fakeFetch(async () => new Response("nope", { status: 404, statusText: "Not Found" }));
    const e = await importError(importUrl("https://x.example.com/missing.csv", { fileName: "", fetchImpl: f }));
    expect(e.code).toBe("HTTP_STATUS");
    expect(e.details.status).toBe(404);
    expect(e.message_zh).toContain("404");
    expect(e.message_en).toContain("404");
  });

  test("CORS / network failure (fetch TypeError)", async () => {
    const f = fakeFetch(async () => {
      throw new TypeError("Failed to fetch");
    });
    const e = await importError(importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: f }));
    expect(e.code).toBe("NETWORK");
    expect(e.message_zh).toContain("CORS");
    expect(e.message_en).toContain("Access-Control-Allow-Origin");
  });

  test("timeout while waiting for the response, and while the body streams", async () => {
    const hang = fakeFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    const e = await importError(
      importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: hang, timeoutMs: 50 }),
    );
    expect(e.code).toBe("TIMEOUT");
    const slowBody = fakeFetch(async (_url, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(ctl) {
          ctl.enqueue(new TextEncoder().encode("项目名称,"));
          init?.signal?.addEventListener("abort", () => ctl.error(new DOMException("aborted", "AbortError")));
        },
      });
      return new Response(body);
    });
    const e2 = await importError(
      importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: slowBody, timeoutMs: 50 }),
    );
    expect(e2.code).toBe("TIMEOUT");
  });

  test("too large: by Content-Length, and while streaming without one", async () => {
    const declared = fakeFetch(
      async () => new Response("x".repeat(100), { headers: { "content-length": "999999999" } }),
    );
    expect(
      (
        await importError(
          importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: declared, maxBytes: 1000 }),
        )
      ).code,
    ).toBe("TOO_LARGE");
    let pulled = 0;
    const chunk = new Uint8Array(400).fill(0x41);
    const endless = fakeFetch(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(ctl) {
              pulled++;
              ctl.enqueue(chunk);
            },
          }),
        ),
    );
    const e = await importError(
      importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: endless, maxBytes: 1000 }),
    );
    expect(e.code).toBe("TOO_LARGE");
    expect(pulled).toBeLessThan(10); // stopped as soon as the limit was passed
  });

  test("the caller's AbortSignal gives an AbortError, not an ImportError", async () => {
    const ctl = new AbortController();
    const f = fakeFetch(async () => new Response(streamOf([new TextEncoder().encode(CSV)], 20)));
    const p = importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: f, signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });

  test("progress covers download and parse", async () => {
    const bytes = new TextEncoder().encode(CSV);
    const f = fakeFetch(
      async () =>
        new Response(streamOf([bytes.slice(0, 10), bytes.slice(10)]), {
          headers: { "content-length": String(bytes.length), "content-type": "text/csv" },
        }),
    );
    const seen: number[] = [];
    await importUrl("https://x.example.com/a.csv", { fileName: "", fetchImpl: f, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toBeLessThanOrEqual(0.5);
    expect(seen[seen.length - 1]).toBe(1);
  });
});
