// The whole test command: lint and type-check, build, unit tests, then the integration suite in a real VS Code, its core
// cases in VS Code for the Web, and the try check.
// Ends with one line "N passed, N failed" summing every stage.
import { spawn } from 'node:child_process';

const only = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--integration') ? 'integration' : 'all';
let passed = 0, failed = 0;
const problems = [];

function run(cmd, args, { capture = false } = {}) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', d => { out += d; process.stdout.write(d); });
    child.stderr.on('data', d => { if (capture) out += d; process.stderr.write(d); });
    child.on('close', code => resolve({ code: code ?? 1, out }));
  });
}

async function stage(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const r = await run(cmd, args);
  if (r.code !== 0) { failed++; problems.push(`${name} failed (exit ${r.code})`); }
  else passed++;
  return r;
}

await stage('lint: eslint (layering: no vscode in src/core) and tsc --noEmit', 'npm', ['run', '-s', 'lint']);
await stage('build: esbuild bundles', 'npm', ['run', '-s', 'build']);
await stage('compile tests: tsc', 'npx', ['tsc', '-p', 'tsconfig.test.json']);

if (only !== 'integration') {
  console.log('\n=== unit tests (mocha, plain node)');
  const r = await run('npx', ['mocha', '--config', '.mocharc.json']);
  const p = /(\d+) passing/.exec(r.out), f = /(\d+) failing/.exec(r.out);
  passed += p ? +p[1] : 0; failed += f ? +f[1] : 0;
  if (r.code !== 0 && !f) { failed++; problems.push(`unit tests exited ${r.code}`); }
  if (!p) { failed++; problems.push('unit tests ran no test'); }
}

if (only !== 'unit') {
  console.log('\n=== integration tests (real VS Code extension host)');
  // The whole suite takes 10-20 minutes on 2 cores; CI allows 90, so the launcher gets 50 before it gives up.
  const r = await run('node', ['test/host/launch.js', '--timeout', process.env.BILINGUAL_TEST_TIMEOUT ?? '3000'], { capture: true });
  const m = [...r.out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (m) { passed += +m[1]; failed += +m[2]; }
  if (r.code !== 0 && (!m || +m[2] === 0)) { failed++; problems.push(`integration run exited ${r.code}`); }
  if (!m) problems.push('integration run printed no counts');
}

if (only !== 'unit') {
  console.log('\n=== web-host tests (VS Code for the Web: the browser bundle in the web-worker extension host, Chromium)');
  // The core cases of the integration suite again, in the host of vscode.dev / github.dev; about a minute.
  const b = await run('node', ['test/web/build.mjs']);
  if (b.code !== 0) { failed++; problems.push(`web suite bundle failed (exit ${b.code})`); }
  else {
    const r = await run('node', ['test/web/launch.js', '--timeout', process.env.BILINGUAL_WEB_TIMEOUT ?? '600'], { capture: true });
    const m = [...r.out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
    if (m) { passed += +m[1]; failed += +m[2]; }
    if (r.code !== 0 && (!m || +m[2] === 0)) { failed++; problems.push(`web-host run exited ${r.code}`); }
    if (!m) problems.push('web-host run printed no counts');
    else if (+m[1] + +m[2] === 0) { failed++; problems.push('web-host run ran no test'); }
  }
}

if (only !== 'unit') {
  console.log('\n=== try check (npm run package, the VSIX installed into the VS Code server, sample/ in Chromium; en and zh-cn)');
  // What a new user sees after `npm run try`: the packaged extension, not the development path; about a minute.
  const r = await run('node', ['scripts/try.mjs', '--check'], { capture: true });
  const m = [...r.out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (m) { passed += +m[1]; failed += +m[2]; }
  if (r.code !== 0 && (!m || +m[2] === 0)) { failed++; problems.push(`try check exited ${r.code}`); }
  if (!m) problems.push('try check printed no counts');
}

console.log('');
for (const p of problems) console.log(`! ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
