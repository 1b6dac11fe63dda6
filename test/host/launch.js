#!/usr/bin/env node
// Integration-test entry point (npm run test:integration). Runs test/integration/ (compiled to out/) inside a
// real VS Code extension host, then the UI checks (ui-checks.js), and ends with the line "N passed, N failed".
// Exits non-zero on any failure, on a timeout, on a host crash, or when no test ran. See test/host/README.md.
//
//   node test/host/launch.js [--timeout SEC] [--keep] [--verbose] [--grep PATTERN] [--host server|electron]
//                            [--no-ui | --ui-only]
// env: BILINGUAL_HOST=server|electron, VSCODE_EXECUTABLE (desktop VS Code for the electron host),
//      BILINGUAL_TEST_TIMEOUT (seconds), BILINGUAL_TEST_GREP, BILINGUAL_HOST_CACHE, BILINGUAL_TEST_KEEP=1
// Prerequisites (not built here): npm run build (dist/extension.js), npm run compile-tests (out/test/integration).
'use strict';
const fs = require('fs');
const path = require('path');
const { paths, log, elapsed } = require('./common');

function usage(msg) {
  if (msg) console.error(`[launch] ${msg}`);
  console.error('usage: node test/host/launch.js [--timeout SEC] [--keep] [--verbose] [--grep PATTERN] [--host server|electron] [--no-ui | --ui-only]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    timeoutSec: Number(process.env.BILINGUAL_TEST_TIMEOUT) || 900,
    keep: process.env.BILINGUAL_TEST_KEEP === '1',
    verbose: false,
    grep: process.env.BILINGUAL_TEST_GREP || '',
    host: process.env.BILINGUAL_HOST || '',
    inHost: true,
    ui: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { const v = argv[++i]; if (v === undefined) usage(`${a} needs a value`); return v; };
    if (a === '--timeout') opts.timeoutSec = Number(value());
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--grep' || a === '-g') opts.grep = value();
    else if (a === '--host') opts.host = value();
    else if (a === '--no-ui') opts.ui = false;
    else if (a === '--ui-only' || a === '--ui') { opts.ui = true; opts.inHost = false; }
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!(opts.timeoutSec > 0)) usage('--timeout must be a positive number of seconds');
  if (opts.host && !['server', 'electron'].includes(opts.host)) usage(`unknown host "${opts.host}" (server or electron)`);
  if (opts.grep) {
    try { opts.grepRe = new RegExp(opts.grep); } catch (e) { usage(`bad --grep pattern: ${e.message}`); }
  }
  return opts;
}

/** server unless electron was asked for, or a desktop VS Code is at hand (VSCODE_EXECUTABLE). */
function pickHost(opts) {
  if (opts.host) return { host: opts.host, why: 'asked for with --host / BILINGUAL_HOST' };
  if (process.env.VSCODE_EXECUTABLE) {
    if (fs.existsSync(process.env.VSCODE_EXECUTABLE)) return { host: 'electron', why: `VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE}` };
    log(`VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE} does not exist; using the offline server host`);
  }
  return { host: 'server', why: 'default (offline: code-server + Chromium)' };
}

function fatal(msg) {
  console.error(`[launch] FAILED: ${msg}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// A closed stdout (e.g. `| head`) must not kill the launcher before it has stopped the host.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const [file, how] of [[paths.extensionMain, 'npm run build'], [paths.testsIndex, 'npm run compile-tests']]) {
    if (!fs.existsSync(file)) fatal(`${path.relative(paths.repo, file)} is missing: run \`${how}\` first`);
  }
  const { host, why } = pickHost(opts);
  log(`host: ${host} (${why})`);
  if (host === 'electron' && !opts.inHost) fatal('--ui-only needs the server host');
  // Old screenshots would be mistaken for this run's.
  fs.rmSync(paths.screenshots, { recursive: true, force: true });

  let result;
  try {
    if (host === 'server') result = await require('./server-host').run(opts, require('./ui-checks'));
    else result = await require('./electron-host').run(opts);
  } catch (e) {
    fatal(`the ${host} host could not run: ${e && e.message ? e.message : e}`);
  }
  if (host === 'electron' && opts.ui) {
    const n = require('./ui-checks').length;
    log(`${n} UI check(s) skipped: they drive the web workbench of the server host (BILINGUAL_HOST=server)`);
    result.uiSkipped = n;
  }

  // --- the verdict -----------------------------------------------------------------------------------------
  let passed = 0, failed = 0, skipped = result.uiSkipped || 0;
  const problems = [];
  if (opts.inHost) {
    const ih = result.inHost;
    if (!ih) { if (!result.error) problems.push('the in-host suite did not finish'); }
    else {
      if (ih.summary) { passed += ih.summary.passed; failed += ih.summary.failed; skipped += ih.summary.skipped; }
      else if (!result.error) problems.push('the in-host runner printed no "extension-host: N passed, N failed" line (did test/integration/index.js load? see workbench.log)');
      if (ih.exitCode !== 0) problems.push(`the extension host exited with code ${ih.exitCode}`);
    }
  }
  const uiPassed = result.ui.filter((r) => r.ok).length;
  const uiFailed = result.ui.length - uiPassed;
  passed += uiPassed;
  failed += uiFailed;
  if (result.ui.length) console.log(`\n  ui: ${uiPassed} passed, ${uiFailed} failed`);
  for (const r of result.ui.filter((x) => !x.ok)) console.log(`\n  ui check failed: ${r.name}\n    ${String(r.error).split('\n').slice(0, 8).join('\n    ')}`);
  if (result.error) problems.push(result.error);
  if (passed + failed === 0 && !result.error) problems.push(opts.grep ? `no test matched --grep ${opts.grep}` : 'no test ran');

  const ok = problems.length === 0 && failed === 0;
  if (problems.length && failed === 0) failed = 1; // a host-level failure counts as a failed test in the totals
  console.log('');
  for (const p of problems) log(`FAILED: ${p}`);
  if (fs.existsSync(paths.screenshots)) log(`screenshots: ${path.relative(process.cwd(), paths.screenshots) || '.'}/`);
  if (ok && !opts.keep) {
    fs.rmSync(result.runDir, { recursive: true, force: true, maxRetries: 3 });
  } else {
    const logs = ['tests.log', 'server.log', 'workbench.log', 'user-data/logs'].filter((f) => fs.existsSync(path.join(result.runDir, f)));
    log(`logs kept in ${result.runDir}${logs.length ? ` (${logs.join(', ')})` : ''}`);
  }
  log(`${ok ? 'ok' : 'FAILED'} after ${elapsed()}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => fatal(e && e.stack ? e.stack : String(e)));
