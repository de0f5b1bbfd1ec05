#!/usr/bin/env node
// `npm start`: serves the add-in on port 3000 and says how to load it into Excel, or to open the offline preview.
// HTTPS with Office's dev certificates where they can be installed and trusted; otherwise plain http on
// 127.0.0.1, which the offline preview needs and Excel does not accept. The banner is printed once the dev server
// has compiled, with the address it really serves.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
const { PORT_FROM_PACKAGE, bannerText, certificatePlan, compiledLine, servedUrl } = createRequire(import.meta.url)(
  "./start-plan.cjs",
);

const devCerts = createRequire(import.meta.url)("office-addin-dev-certs");
/** True only when the certificates exist AND their CA is trusted (else browsers and Excel reject the page). */
const trusted = () => {
  try {
    return devCerts.verifyCertificates();
  } catch {
    return false;
  }
};
const onPath = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

const plan = certificatePlan({
  forcedHttp: process.env.DEV_HTTP === "1",
  trusted: trusted(),
  platform: process.platform,
  hasSudo: onPath("sudo"),
});
let note = plan.note;
if (plan.install) {
  console.log("正在安装并信任 Office 开发证书… / Installing and trusting the Office dev certificates…");
  // Output captured: its own errors (a refused password, a missing tool) are summarised below instead.
  const r = spawnSync("npx", ["office-addin-dev-certs", "install"], {
    stdio: ["inherit", "pipe", "pipe"],
    timeout: 120_000,
  });
  if (!trusted()) note = "install-failed";
  else if (r.status !== 0) note = null;
}
const https = process.env.DEV_HTTP !== "1" && trusted();
const url = servedUrl(https, PORT_FROM_PACKAGE);

const server = spawn("npx", ["webpack", "serve", "--mode", "development"], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...process.env, ...(https ? {} : { DEV_HTTP: "1" }) },
});
let shown = false;
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!shown && compiledLine(chunk.toString())) {
    shown = true;
    console.log(bannerText({ url, https, note }));
  }
});

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
