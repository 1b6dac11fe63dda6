// Bundles the extension (node and web), the CLI and the preview's browser code with esbuild.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const pkg = JSON.parse((await import('node:fs')).readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--dev');
rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, minify, sourcemap: false, logLevel: 'warning', legalComments: 'none', target: 'es2022' };
const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'], metafile: true,
    // ESM entry points first: jsonc-parser's UMD main has requires esbuild cannot follow.
    mainFields: ['module', 'main'] },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' }, mainFields: ['browser', 'module', 'main'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, define: { __VERSION__: JSON.stringify(pkg.version) } },
  { ...common, entryPoints: ['src/webview/preview.ts'], outfile: 'dist/webview/preview.js', platform: 'browser', format: 'iife' },
];

const existing = (await import('node:fs')).existsSync;
for (const b of builds) {
  if (!existing(b.entryPoints[0])) continue;
  if (watch) { const ctx = await esbuild.context(b); await ctx.watch(); } else {
    const r = await esbuild.build(b);
    if (r.metafile && process.argv.includes('--size')) console.log(await esbuild.analyzeMetafile(r.metafile));
  }
}
