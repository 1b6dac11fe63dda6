// `npm run bench`: builds what is measured (dist/ when stale, the bench bundle), then runs bench/main.ts in a fresh node.
//   npm run bench [-- --quick] [--full] [--only lint,cli,...] [--no-write]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
  if (r.status !== 0) { console.error(`bench: ${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`); process.exit(r.status || 1); }
}

// The peers are dev dependencies; a fresh clone gets them from `npm install`.
const peers = ['markdownlint', 'markdownlint-cli2', 'gray-matter', 'markdown-it', 'esbuild'];
if (peers.some(p => !existsSync(path.join('node_modules', p, 'package.json')))) {
  console.log('bench: installing the dev dependencies (the peers it compares against)');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

// The CLI and the extension are measured as shipped: rebuild dist/ when any source is newer than it.
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const outputs = ['dist/cli.js', 'dist/extension.js'];
const srcTime = Math.max(newest('src'), statSync('scripts/build.mjs').mtimeMs, statSync('package.json').mtimeMs);
if (outputs.some(o => !existsSync(o) || statSync(o).mtimeMs < srcTime)) {
  console.log('bench: dist/ is missing or older than src/: npm run build');
  run(process.execPath, ['scripts/build.mjs']);
}

// Core modules other engineers may not have landed yet resolve to an empty module, so their case says
// "not built yet" instead of the whole bench failing to bundle.
const optional = {
  name: 'optional-core',
  setup(b) {
    b.onResolve({ filter: /[\\/]src[\\/]core[\\/][\w-]+$/ }, a => {
      const p = path.resolve(a.resolveDir, a.path);
      if (existsSync(p + '.ts') || existsSync(path.join(p, 'index.ts'))) return undefined;
      return { path: p, namespace: 'missing' };
    });
    b.onLoad({ filter: /.*/, namespace: 'missing' }, () => ({ contents: 'module.exports = { __missing: true };', loader: 'js' }));
  },
};

mkdirSync('bench/.work', { recursive: true });
// Imported only now: on a fresh clone esbuild arrives with the install above.
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: ['bench/main.ts'], outfile: 'bench/.work/bench.js', bundle: true, platform: 'node', format: 'cjs',
  target: 'es2022', minify: true, keepNames: true, legalComments: 'none', logLevel: 'warning',
  // The peers run as their packages ship; the core is bundled and minified as the extension ships it.
  external: ['markdownlint', 'markdownlint/*', 'markdownlint-cli2', 'gray-matter', 'playwright-core', 'esbuild', 'vscode'],
  plugins: [optional],
});

// --expose-gc for the memory figures; a large heap for the 10 MiB post beside markdownlint.
const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', 'bench/.work/bench.js', ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
