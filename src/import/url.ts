/**
 * Import from a URL: https only (plain http for localhost / 127.0.0.1 / [::1]), a whole-download timeout, a size
 * limit enforced while the body streams in, JSON or CSV (or xlsx) by content type, extension or content.
 */
import { abortError, ImportError } from "./errors";
import type { ImportResult, ImportUrlOptions, SourceFormat } from "./types";

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function mb(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

/** Check the URL and return it parsed; an ImportError says why it is refused. */
export function checkUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ImportError(
      "URL_INVALID",
      `“${url.slice(0, 200)}”不是有效的网址。请填写以 https:// 开头的完整网址。`,
      `"${url.slice(0, 200)}" is not a valid URL. Enter a full address starting with https://.`,
    );
  }
  if (u.protocol === "https:") return u;
  if (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname.toLowerCase())) return u;
  if (u.protocol === "http:") {
    throw new ImportError(
      "URL_INSECURE",
      `出于安全考虑只能从 https 网址导入（http 仅允许本机 localhost/127.0.0.1）：${u.origin}。请改用 https 地址，或下载文件后从本地导入。`,
      `Only https URLs can be imported (plain http only for localhost/127.0.0.1): ${u.origin}. Use an https address, or download the file and import it from disk.`,
    );
  }
  throw new ImportError(
    "URL_INVALID",
    `不支持的网址类型“${u.protocol}”。请使用 https:// 网址。`,
    `Unsupported URL scheme "${u.protocol}". Use an https:// address.`,
  );
}

/** Format from Content-Type, then from the path's extension; undefined lets importBytes sniff the content. */
export function formatFromResponse(contentType: string | null, url: URL): SourceFormat | undefined {
  const ct = (contentType ?? "").toLowerCase();
  if (/json/.test(ct)) return "json";
  if (/text\/csv|text\/comma-separated|text\/tab-separated|application\/csv/.test(ct)) return "csv";
  if (/spreadsheetml|application\/vnd\.ms-excel\.sheet/.test(ct)) return "xlsx";
  const ext = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  if (ext === "json") return "json";
  if (ext === "csv" || ext === "tsv" || ext === "txt") return "csv";
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  return undefined;
}

function charsetOf(contentType: string | null): string | undefined {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? "");
  return m ? m[1] : undefined;
}

/**
 * Download the bytes of a URL with the limits; ImportError for every failure except cancellation by the caller's
 * signal (AbortError).
 */
export async function fetchBytes(
  url: string,
  opts: ImportUrlOptions,
): Promise<{ bytes: Uint8Array; contentType: string | null; url: URL }> {
  const u = checkUrl(url);
  const fetchImpl = fetchOf(opts);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const control = new DownloadControl(timeoutMs, opts.signal);
  // Why fetch or the body failed: the caller cancelled, the time ran out, or the network (`otherwise`).
  const failure = (otherwise: () => ImportError): Error => {
    if (opts.signal?.aborted) return abortError(opts.signal);
    if (control.timedOut) return timeoutError(u, timeoutMs);
    return otherwise();
  };
  try {
    if (opts.signal?.aborted) throw abortError(opts.signal);
    let res: Response;
    try {
      res = await fetchImpl(u.toString(), { signal: control.signal, redirect: "follow", credentials: "omit" });
    } catch {
      throw failure(
        () =>
          new ImportError(
            "NETWORK",
            `无法从 ${u.host} 读取数据：网络不通，或对方服务器不允许从加载项跨域读取（CORS）。请确认网址能在浏览器中直接打开、服务器返回了 Access-Control-Allow-Origin 头；也可以下载文件后从本地导入。`,
            `Cannot read from ${u.host}: the network is unreachable, or the server does not allow cross-origin reads from the add-in (CORS). Check that the URL opens in a browser and that the server sends Access-Control-Allow-Origin; or download the file and import it from disk.`,
          ),
      );
    }
    // A redirect must not lead to plain http elsewhere (browsers block it as mixed content; Node would follow it).
    if (res.url && res.url !== u.toString()) checkUrl(res.url);
    if (!res.ok) throw httpStatusError(res, u);
    const declared = Number(res.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxBytes) {
      control.abort();
      throw tooLarge(declared, maxBytes);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBody(res, maxBytes, declared, opts.onProgress);
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw failure(
        () =>
          new ImportError(
            "NETWORK",
            `从 ${u.host} 下载时连接中断。请重试。`,
            `The connection to ${u.host} broke during the download. Try again.`,
          ),
      );
    }
    return { bytes, contentType: res.headers.get("content-type"), url: u };
  } finally {
    control.dispose();
  }
}

/** The fetch to use: the caller's, or the platform's called through globalThis. */
function fetchOf(opts: ImportUrlOptions): typeof fetch {
  // Called through globalThis: an unbound window.fetch throws "Illegal invocation" in browsers.
  const fetchImpl: typeof fetch | undefined =
    opts.fetchImpl ??
    (typeof globalThis.fetch === "function" ? (input, init) => globalThis.fetch(input, init) : undefined);
  if (!fetchImpl)
    throw new ImportError(
      "NETWORK",
      "当前环境不能访问网络（没有 fetch）。",
      "No network access here (fetch is unavailable).",
    );
  return fetchImpl;
}

/** One download's cancellation: the caller's signal and the whole-download timeout both abort the request. */
class DownloadControl {
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onAbort = () => this.controller.abort();

  constructor(
    timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    callerSignal?.addEventListener("abort", this.onAbort);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(): void {
    this.controller.abort();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onAbort);
  }
}

function timeoutError(u: URL, timeoutMs: number): ImportError {
  return new ImportError(
    "TIMEOUT",
    `从 ${u.host} 下载超时（${Math.round(timeoutMs / 1000)} 秒内没有完成）。请稍后重试，或下载文件后从本地导入。`,
    `Download from ${u.host} timed out (not finished within ${Math.round(timeoutMs / 1000)} s). Try again later, or download the file and import it from disk.`,
  );
}

function httpStatusError(res: Response, u: URL): ImportError {
  return new ImportError(
    "HTTP_STATUS",
    `服务器返回 HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}（${u.host}${u.pathname}）。${res.status === 404 ? "网址不存在，请检查地址。" : res.status === 401 || res.status === 403 ? "没有访问权限，请确认网址是公开的或已授权。" : "请稍后重试或联系数据提供方。"}`,
    `The server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""} (${u.host}${u.pathname}). ${res.status === 404 ? "The address does not exist; check it." : res.status === 401 || res.status === 403 ? "Access denied; make sure the URL is public or authorised." : "Try again later or contact the data provider."}`,
    { status: res.status },
  );
}

/** `n` bytes (at least; -1: unknown) against the limit `maxBytes`. */
function tooLarge(n: number, maxBytes: number): ImportError {
  return new ImportError(
    "TOO_LARGE",
    `文件太大（${n >= 0 ? `至少 ${mb(n)}` : "未知"}，上限 ${mb(maxBytes)}），未导入。请缩小文件，或按年份/地区拆分后再导入。`,
    `The file is too large (${n >= 0 ? `at least ${mb(n)}` : "unknown"}, limit ${mb(maxBytes)}); not imported. Make it smaller or split it by year or region.`,
  );
}

/**
 * The response body, refused (TOO_LARGE) as soon as it passes `maxBytes`: streamed where the platform can, reporting
 * progress up to one half when the length was `declared`.
 */
async function readBody(
  res: Response,
  maxBytes: number,
  declared: number,
  onProgress: ((fraction: number) => void) | undefined,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body && typeof res.body.getReader === "function") {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(total, maxBytes);
      }
      chunks.push(value);
      if (Number.isFinite(declared) && declared > 0) onProgress?.(Math.min(0.5, (total / declared) * 0.5));
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    total = buf.byteLength;
    if (total > maxBytes) throw tooLarge(total, maxBytes);
    chunks.push(buf);
  }
  return joined(chunks, total);
}

function joined(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    bytes.set(c, off);
    off += c.byteLength;
  }
  return bytes;
}

/** importUrl's body, with importBytes passed in (index.ts) to keep the modules acyclic. */
export async function importUrlWith(
  importBytes: (bytes: Uint8Array, opts: ImportUrlOptions) => Promise<ImportResult>,
  url: string,
  opts: ImportUrlOptions,
): Promise<ImportResult> {
  const { bytes, contentType, url: u } = await fetchBytes(url, opts);
  const format = opts.format ?? formatFromResponse(contentType, u);
  const encoding = opts.encoding ?? charsetOf(contentType);
  const outer = opts.onProgress;
  return importBytes(bytes, {
    ...opts,
    fileName: opts.fileName || u.toString(),
    format,
    encoding: encoding && !/^utf-?8$/i.test(encoding) ? encoding : opts.encoding,
    onProgress: outer ? (f) => outer(0.5 + f / 2) : undefined,
  });
}
