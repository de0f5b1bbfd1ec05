// What `npm start` decides and prints, without side effects (test/build/start-plan.test.ts). CommonJS so jest can load it..
const pkg = require("../package.json");
const PORT_FROM_PACKAGE = Number(process.env.npm_package_config_dev_server_port || pkg.config.dev_server_port || 3000);

/**
 * Whether to try installing Office's dev certificates, and what to tell the user if we do not.
 * On Linux office-addin-dev-certs trusts its CA with `sudo`; where sudo does not exist (containers, CI) trying
 * only prints "sudo: not found", so we do not try and explain the http fallback instead.
 */
function certificatePlan({ forcedHttp, trusted, platform, hasSudo }) {
  if (forcedHttp) return { install: false, note: "forced-http" };
  if (trusted) return { install: false, note: null };
  if (platform === "linux" && !hasSudo) return { install: false, note: "no-sudo" };
  return { install: true, note: null };
}

/** The address the dev server really answers on: https with the localhost certificate, else http on 127.0.0.1. */
function servedUrl(https, port) {
  return https ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
}

/** webpack-dev-server's line once the first bundle is ready ("compiled successfully", or "compiled with N warnings/errors": the errors are printed above it and shown in the page). */
function compiledLine(text) {
  return /\bcompiled (successfully|with \d+ (warnings?|errors?))\b/.test(text);
}

const NOTES = {
  "forced-http": [
    " DEV_HTTP=1：按要求使用 http。Excel 只加载 https 加载项，离线预览不受影响。",
    " DEV_HTTP=1: plain http as asked. Excel loads only https add-ins; the offline preview works as is.",
  ],
  "no-sudo": [
    " 本机没有 sudo，无法信任 Office 开发证书，因此使用 http（离线预览不受影响）。要在 Excel 中加载，",
    "   请在有管理员权限的机器上运行 npx office-addin-dev-certs install，然后重新运行 npm start。",
    " No sudo on this machine, so the Office dev certificate cannot be trusted and the server uses http",
    "   (the offline preview works as is). To load the add-in into Excel, run",
    "   `npx office-addin-dev-certs install` where you have admin rights, then npm start again.",
  ],
  "install-failed": [
    " 未能安装并信任 Office 开发证书，因此使用 http。Excel 只加载 https 加载项：",
    "   手动运行 npx office-addin-dev-certs install（需要管理员权限），然后重新运行 npm start。",
    " The Office dev certificate could not be installed and trusted, so this is plain http; Excel loads only",
    "   https add-ins. Run `npx office-addin-dev-certs install` (admin rights), then npm start again.",
  ],
};

function bannerText({ url, https, note }) {
  const lines = [
    "",
    "================================================================================",
    ` 招商引资成绩单 加载项已在 ${url} 提供服务 / The add-in is served at ${url}`,
    "",
    " 离线预览（无需 Excel，示例数据）/ Offline preview, no Excel needed:",
    `     ${url}/preview.html`,
    "",
  ];
  if (https) {
    lines.push(
      " 在 Excel 中加载 / Load it into Excel:",
      "   • Windows / Mac 桌面版:  npx office-addin-debugging start manifest.xml desktop",
      "   • Excel 网页版 / Excel on the web:  插入 → 加载项 → 上传我的加载项 → 选择 manifest.xml",
      "     (Insert → Add-ins → Upload My Add-in → manifest.xml)",
      "",
    );
  }
  if (note && NOTES[note]) lines.push(...NOTES[note], "");
  lines.push(
    " 按 Ctrl+C 停止 / Ctrl+C to stop.",
    "================================================================================",
    "",
  );
  return lines.join("\n");
}

module.exports = { PORT_FROM_PACKAGE, certificatePlan, servedUrl, compiledLine, bannerText };
