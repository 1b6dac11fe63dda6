// Modules test/web/build.mjs makes up for the web bundle (a web worker cannot read the repository's files).
declare module 'web-fixtures:expected' {
  /** Every file of test/fixtures/expected/ except cases.json, by file name, as text. */
  const files: Record<string, string>;
  export default files;
}
