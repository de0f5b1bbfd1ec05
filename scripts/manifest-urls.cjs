/**
 * Points a manifest at its production host: EVERY dev URL is rewritten (Microsoft's template replaces only the
 * first match). Full URLs get the production base path; bare origins (AppDomain) get the production origin.
 *
 * @param {string} xml manifest text
 * @param {string} baseUrl production base URL ending with "/", e.g. "https://addin.example.cn/invest/"
 * @param {string} [devOrigin] "https://localhost:3000"
 * @returns {string}
 */
function rewriteManifestUrls(xml, baseUrl, devOrigin = "https://localhost:3000") {
  const origin = new URL(baseUrl).origin;
  return xml.split(`${devOrigin}/`).join(baseUrl).split(devOrigin).join(origin);
}

module.exports = { rewriteManifestUrls };
