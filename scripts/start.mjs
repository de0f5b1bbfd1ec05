#!/usr/bin/env node
// `npm start`: serves the add-in on port 3000 and says how to load it into Excel, or to open the offline preview.
// HTTPS with Office's dev certificates where they can be installed (they need sudo to trust their CA);
// otherwise plain http on 127.0.0.1, which the offline preview needs and Excel does not accept.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const devCerts = createRequire(import.meta.url)("office-addin-dev-certs");
/** True only when the certificates exist AND their CA is trusted (else browsers and Excel reject the page). */
const trusted = () => {
  try { return devCerts.verifyCertificates(); } catch { return false; }
};

if (process.env.DEV_HTTP !== "1" && !trusted()) {
  console.log("正在安装 Office 开发证书（需要 sudo 信任其根证书）… / Installing Office dev certificates…");
  spawnSync("npx", ["office-addin-dev-certs", "install"], { stdio: "inherit", timeout: 120_000 });
}
const https = process.env.DEV_HTTP !== "1" && trusted();
const base = https ? "https://localhost:3000" : "http://localhost:3000";

const server = spawn("npx", ["webpack", "serve", "--mode", "development"], {
  stdio: "inherit",
  env: { ...process.env, ...(https ? {} : { DEV_HTTP: "1" }) },
});

setTimeout(() => {
  console.log(`
================================================================================
 招商引资成绩单 加载项已在 ${base} 提供服务 / The add-in is served at ${base}

 离线预览（无需 Excel，示例数据）/ Offline preview, no Excel needed:
     ${base}/preview.html

 在 Excel 中加载 / Load it into Excel:
   • Windows / Mac 桌面版:  npx office-addin-debugging start manifest.xml desktop
   • Excel 网页版 / Excel on the web:  插入 → 加载项 → 上传我的加载项 → 选择 manifest.xml
     (Insert → Add-ins → Upload My Add-in → manifest.xml)
${https ? "" : `
 注意：未安装可信的开发证书，当前为 http。Excel 只接受 https 加载项：
   sudo npx office-addin-dev-certs install   然后重新运行 npm start。
 Note: no trusted dev certificate, so this is plain http; Excel only loads https add-ins.
   Run "sudo npx office-addin-dev-certs install", then npm start again.
`}
 按 Ctrl+C 停止 / Ctrl+C to stop.
================================================================================
`);
}, 4000);

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
