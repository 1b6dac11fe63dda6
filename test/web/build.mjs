// Bundles the web suite (test/web/index.ts and the tests it imports) into one script for VS Code for the Web's
// web-worker extension host: out/web-test/suite.js. Run by `npm run test:web` and by npm test's web-host stage before
// test/web/launch.js, which builds nothing. Node modules do not exist in a worker: `assert` is test/web/assert.ts,
// and the expected files of test/fixtures/expected/ are bundled in as the module 'web-fixtures:expected'.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const expectedDir = path.join(root, 'test', 'fixtures', 'expected');

const webShims = {
  name: 'web-shims',
  setup(b) {
    b.onResolve({ filter: /^assert$/ }, () => ({ path: path.join(here, 'assert.ts') }));
    b.onResolve({ filter: /^web-fixtures:expected$/ }, () => ({ path: 'expected', namespace: 'web-fixtures' }));
    b.onLoad({ filter: /.*/, namespace: 'web-fixtures' }, () => {
      const files = {};
      for (const f of readdirSync(expectedDir).sort()) if (f.endsWith('.md')) files[f] = readFileSync(path.join(expectedDir, f), 'utf8');
      return { contents: `module.exports = ${JSON.stringify(files)};`, loader: 'js', watchFiles: readdirSync(expectedDir).map(f => path.join(expectedDir, f)) };
    });
  },
};

await esbuild.build({
  entryPoints: [path.join(here, 'index.ts')],
  outfile: path.join(root, 'out', 'web-test', 'suite.js'),
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  mainFields: ['browser', 'module', 'main'],
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [webShims],
  // platform 'browser': a test that imports a Node module (fs, path...) fails the build here, not in the browser.
  logLevel: 'warning',
});
