// esbuild plugins shared by scripts/build.mjs and the tests that bundle the renderer the way the build does.
// The renderer (markdown-it + the sanitizer) stays out of dist/extension.js: the preview loads dist/render.js on first
// open, so activation never pays for it. The web build has no second file to load, so it bundles it in.
export const lazyRenderer = {
  name: 'lazy-renderer',
  setup(b) {
    b.onResolve({ filter: /[\\/]core[\\/]render$/ }, a => (a.kind === 'dynamic-import' ? { path: './render.js', external: true } : undefined));
  },
};

// `yaml` (about a third of the extension bundle) is only the fallback for front matter the flat line scanner does not
// read, so the Node build loads it from dist/yaml.js on first use. The shim names each function the core imports:
// a new import from 'yaml' in src/core fails the build here instead of loading the package at start.
const YAML_FUNCTIONS = ['parseDocument', 'isMap', 'isScalar', 'isSeq', 'isPair', 'isAlias'];
export const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, a => (a.namespace === 'bp-lazy-yaml' ? undefined : { path: 'yaml', namespace: 'bp-lazy-yaml' }));
    b.onResolve({ filter: /^\.\/yaml\.js$/, namespace: 'bp-lazy-yaml' }, () => ({ path: './yaml.js', external: true }));
    b.onLoad({ filter: /.*/, namespace: 'bp-lazy-yaml' }, () => ({
      loader: 'js',
      contents: "let m;\nconst y = () => (m ??= require('./yaml.js'));\n" +
        YAML_FUNCTIONS.map(f => `export function ${f}(...a) { return y().${f}(...a); }`).join('\n'),
    }));
  },
};
/** dist/yaml.js: the `yaml` package on its own, for the lazy shim above. */
export const yamlBundle = { stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', loader: 'js' }, outfile: 'dist/yaml.js', platform: 'node', format: 'cjs' };
