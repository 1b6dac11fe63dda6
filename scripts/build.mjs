// Bundles the extension (node and web), the lazily loaded renderer, the CLI and the preview's browser code with esbuild.
import * as esbuild from 'esbuild';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--dev');
rmSync('dist', { recursive: true, force: true });

// The renderer (markdown-it + sanitize-html) stays out of dist/extension.js: the preview loads dist/render.js on first
// open, so activation never pays for it. The web build has no second file to load, so it bundles it in.
const lazyRenderer = {
  name: 'lazy-renderer',
  setup(b) {
    b.onResolve({ filter: /[\\/]core[\\/]render$/ }, a => (a.kind === 'dynamic-import' ? { path: './render.js', external: true } : undefined));
  },
};
// sanitize-html only needs htmlparser2's Parser, and postcss only to parse style attributes, which the renderer never
// allows (and if it were ever asked, sanitize-html drops the attribute when parsing throws). Saves ~200 KB.
const slimSanitizer = {
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

const common = { bundle: true, minify, sourcemap: false, logLevel: 'warning', legalComments: 'none', target: 'es2022', metafile: true };
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'],
    plugins: [lazyRenderer], supported: { 'dynamic-import': false },
    // ESM entry points first: jsonc-parser's UMD main has requires esbuild cannot follow.
    mainFields: ['module', 'main'] },
  { ...common, entryPoints: ['src/core/render.ts'], outfile: 'dist/render.js', platform: 'node', format: 'cjs', plugins: [slimSanitizer] },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' }, mainFields: ['browser', 'module', 'main'], plugins: [slimSanitizer] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(pkg.version) }, plugins: [slimSanitizer] },
  { ...common, entryPoints: ['src/webview/preview.ts'], outfile: 'dist/webview/preview.js', platform: 'browser', format: 'iife' },
];

for (const b of builds) {
  if (!existsSync(b.entryPoints[0])) continue;
  if (watch) { const ctx = await esbuild.context(b); await ctx.watch(); } else {
    const r = await esbuild.build(b);
    if (process.argv.includes('--size')) {
      const out = Object.values(r.metafile.outputs)[0];
      console.log(`${b.outfile}: ${(out.bytes / 1024).toFixed(1)} KB`);
      if (b.outfile === 'dist/extension.js' || b.outfile === 'dist/render.js') console.log(await esbuild.analyzeMetafile(r.metafile));
    }
  }
}
