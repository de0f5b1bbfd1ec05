/** A .csv imported by the bundle is its text (webpack asset/source; jest: test/support/raw-text-transform.js). */
declare module "*.csv" {
  const text: string;
  export default text;
}
