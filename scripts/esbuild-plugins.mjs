// esbuild plugins shared by scripts/build.mjs and the tests that bundle the renderer the way the build does.
import * as path from 'node:path';

// The renderer (markdown-it + sanitize-html) stays out of dist/extension.js: the preview loads dist/render.js on first
// open, so activation never pays for it. The web build has no second file to load, so it bundles it in.
export const lazyRenderer = {
  name: 'lazy-renderer',
  setup(b) {
    b.onResolve({ filter: /[\\/]core[\\/]render$/ }, a => (a.kind === 'dynamic-import' ? { path: './render.js', external: true } : undefined));
  },
};
// sanitize-html only needs htmlparser2's Parser, and postcss only to parse style attributes, which the renderer never
// allows (and if it were ever asked, sanitize-html drops the attribute when parsing throws). Saves ~200 KB.
export const slimSanitizer = {
  name: 'slim-sanitizer',
  setup(b) {
    b.onResolve({ filter: /^(htmlparser2|postcss)$/ }, async a => {
      if (!/[\\/]sanitize-html[\\/]/.test(a.importer)) return undefined;
      if (a.path === 'postcss') return { path: 'postcss', namespace: 'bp-stub' };
      const main = await b.resolve('htmlparser2', { resolveDir: a.resolveDir, kind: a.kind });
      if (main.errors.length) return { errors: main.errors };
      return { path: path.join(path.dirname(main.path), 'Parser.js') };
    });
    b.onLoad({ filter: /.*/, namespace: 'bp-stub' }, () => ({
      contents: "module.exports = { parse() { throw new Error('style attributes are not parsed'); } };", loader: 'js',
    }));
  },
};
