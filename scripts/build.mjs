// Bundles the extension (node and web), the lazily loaded renderer, the CLI and the preview's browser code with esbuild.
import * as esbuild from 'esbuild';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { lazyRenderer, lazyYaml, yamlBundle } from './esbuild-plugins.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--dev');
rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, minify, sourcemap: false, logLevel: 'warning', legalComments: 'none', target: 'es2022', metafile: true };
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'],
    plugins: [lazyRenderer, lazyYaml], supported: { 'dynamic-import': false },
    // ESM entry points first: jsonc-parser's UMD main has requires esbuild cannot follow.
    mainFields: ['module', 'main'] },
  { ...common, entryPoints: ['src/core/render.ts'], outfile: 'dist/render.js', platform: 'node', format: 'cjs' },
  { ...common, ...yamlBundle },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' }, mainFields: ['browser', 'module', 'main'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(pkg.version) }, plugins: [lazyYaml] },
  { ...common, entryPoints: ['src/webview/preview.ts'], outfile: 'dist/webview/preview.js', platform: 'browser', format: 'iife' },
];

for (const b of builds) {
  if (b.entryPoints && !existsSync(b.entryPoints[0])) continue;
  if (watch) { const ctx = await esbuild.context(b); await ctx.watch(); } else {
    const r = await esbuild.build(b);
    if (process.argv.includes('--size')) {
      const out = Object.values(r.metafile.outputs)[0];
      console.log(`${b.outfile}: ${(out.bytes / 1024).toFixed(1)} KB`);
      if (b.outfile === 'dist/extension.js' || b.outfile === 'dist/render.js') console.log(await esbuild.analyzeMetafile(r.metafile));
    }
  }
}
