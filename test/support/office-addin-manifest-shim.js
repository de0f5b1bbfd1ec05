/** office-addin-mock imports office-addin-manifest only for CLI helpers it never calls in tests; its ESM-only deps break jest. */
module.exports = {};
