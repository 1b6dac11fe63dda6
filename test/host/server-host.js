// The offline host: the VS Code server bundled in the npm package code-server (installed by install.sh into a
// cache outside the repo), started directly with --enable-smoke-test-driver, its web workbench opened in
// Debian's Chromium through playwright-core. Two phases against ONE server start, each in a fresh browser context:
//   1. the in-host mocha suite: extensionDevelopmentPath + extensionTestsPath in the workbench URL's `payload`;
//      the workbench reports the extension host's exit code through window.codeAutomationExit
//   2. the UI checks (ui-checks.js): the extension under development loaded in a normal workbench, driven by Playwright
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const util = require('util');
const { paths, makeRunDir, copyWorkspace, followFile, parseInHostSummary, readIfExists, elapsed, log } = require('./common');
const { Workbench } = require('./ui');

const VIEWPORT = { width: 1400, height: 900 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=en-US'];

/** Installs (idempotently) the offline host; returns the paths from host.json, or throws. */
function install() {
  if (process.env.BILINGUAL_HOST_SKIP_INSTALL !== '1') {
    const r = spawnSync('bash', [paths.installScript], { stdio: 'inherit', env: { ...process.env, BILINGUAL_HOST_CACHE: paths.cache } });
    if (r.error || r.status !== 0) {
      throw new Error(`installing the offline host failed (exit ${r.status ?? r.error?.message}); see the messages above and ${path.join(paths.cache, 'install.log')}`);
    }
  }
  const hostJson = path.join(paths.cache, 'host.json');
  if (!fs.existsSync(hostJson)) throw new Error(`${hostJson} is missing: run bash test/host/install.sh`);
  return JSON.parse(fs.readFileSync(hostJson, 'utf8'));
}

/**
 * Runs the suite (and the UI checks). Never throws for test failures; returns
 * { inHost: {exitCode, summary} | null, ui: [{name, ok, skipped, error, ms}], error: string | null, runDir }.
 */
async function run(opts, uiChecks) {
  const host = install();
  const { chromium } = require(host.playwrightCore);
  const run = makeRunDir('bilingual-host-');
  const result = { inHost: null, ui: [], error: null, runDir: run.dir, hostName: `VS Code server ${host.codeServerVersion ? `(code-server ${host.codeServerVersion})` : ''}` };

  // Everything below races against `aborted`: timeout, server crash, interrupt.
  let abort;
  const aborted = new Promise((_, reject) => { abort = (why) => reject(new Error(why)); });
  aborted.catch(() => {});
  const race = (p) => Promise.race([p, aborted]);
  const timer = setTimeout(() => abort(`timeout after ${opts.timeoutSec}s (set --timeout SEC or BILINGUAL_TEST_TIMEOUT)`), opts.timeoutSec * 1000);
  const onSignal = (sig) => abort(`interrupted by ${sig}`);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, onSignal);

  // --- the server -------------------------------------------------------------------------------------
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k]; // when launched from a VS Code terminal
  env.PATH = path.dirname(host.node) + path.delimiter + env.PATH;
  env.BILINGUAL_TEST_LOG = run.testLog; // the remote extension host inherits the server's environment
  if (opts.grep) env.BILINGUAL_TEST_GREP = opts.grep; else delete env.BILINGUAL_TEST_GREP;
  const serverLogFile = path.join(run.dir, 'server.log');
  const serverLog = fs.createWriteStream(serverLogFile);
  const server = spawn(host.node, [host.serverMain,
    '--host', '127.0.0.1', '--port', '0', '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
    '--user-data-dir', run.userData, '--server-data-dir', path.join(run.dir, 'server-data'), '--extensions-dir', run.extensionsDir,
  ], { cwd: run.dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let serverOut = '';
  const hostCrashes = [];
  let resolvePort;
  const portPromise = new Promise((r) => { resolvePort = r; });
  const onServerData = (chunk) => {
    serverLog.write(chunk);
    if (opts.verbose) process.stderr.write(chunk);
    if (serverOut.length < 20000) {
      serverOut += chunk;
      const m = /Extension host agent listening on (\d+)/.exec(serverOut);
      if (m) resolvePort(Number(m[1]));
    }
    // A killed or crashed extension host: the workbench may still report exit code 0, so watch the server's word.
    for (const m of String(chunk).matchAll(/Extension Host Process exited with code: (\S+), signal: (\S+)\./g)) {
      if (m[1] !== '0' || m[2] !== 'null') hostCrashes.push(`the extension host process died (code ${m[1]}, signal ${m[2]}); see ${serverLogFile}`);
    }
  };
  server.stdout.on('data', onServerData);
  server.stderr.on('data', onServerData);
  const watchdog = spawnWatchdog(server.pid);
  let stopping = false;
  server.on('exit', (code, signal) => { if (!stopping) abort(`the VS Code server exited unexpectedly (code ${code}, signal ${signal}); see ${serverLogFile}`); });
  server.on('error', (e) => abort(`could not start the VS Code server: ${e.message}`));

  let browser;
  let page;
  try {
    const port = await race(portPromise);
    const authority = `127.0.0.1:${port}`;
    log(`VS Code server ${serverVersion(host)} listening on ${authority} after ${elapsed()}`);
    // Our own signal handlers stop the host in order (Playwright's would exit the process at once).
    browser = await race(chromium.launch({ executablePath: host.chromium, headless: true, args: CHROMIUM_ARGS,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }));
    const workbenchUrl = (workspace, payload) => `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).join('/')}`;

    // --- phase 1: the in-host mocha suite ---------------------------------------------------------------
    if (opts.inHost) {
      const context = await race(browser.newContext({ viewport: VIEWPORT, locale: 'en-US' }));
      page = await race(context.newPage());
      const workbenchLog = fs.createWriteStream(path.join(run.dir, 'workbench.log'));
      let resolveExit;
      const exited = new Promise((r) => { resolveExit = r; });
      page.on('pageerror', (e) => workbenchLog.write(`[pageerror] ${e.stack || e.message}\n`));
      page.on('crash', () => abort('the browser page (workbench) crashed'));
      // With --enable-smoke-test-driver the workbench forwards its whole console here (noisy): keep it in a file.
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args])) + '\n';
        workbenchLog.write(line);
        if (opts.verbose) process.stderr.write(line);
      });
      await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code ?? 1)));
      const follower = followFile(run.testLog);
      try {
        await race(page.goto(workbenchUrl(run.workspace, [
          ['extensionDevelopmentPath', remote(paths.extension)],
          ['extensionTestsPath', remote(paths.testsIndex)],
          ['skipWelcome', 'true'],
        ])));
        log(`workbench loaded after ${elapsed()}; running the suite in the extension host`);
        let exitCode = await race(exited);
        follower.stop();
        await new Promise((r) => setTimeout(r, 300)); // let the server log the extension host's end
        if (hostCrashes.length) {
          result.error = hostCrashes.join('; ');
          if (exitCode === 0 || !Number.isFinite(exitCode)) exitCode = 1;
        }
        result.inHost = { exitCode, summary: parseInHostSummary(readIfExists(run.testLog)) };
        if (opts.verbose || exitCode !== 0) log(`the extension host reported exit code ${exitCode}`);
        if (exitCode !== 0 || !result.inHost.summary || result.inHost.summary.failed > 0) {
          await screenshot(page, 'in-host-suite-failed');
        }
      } finally {
        follower.stop();
      }
      await context.close().catch(() => {});
      page = undefined;
    }

    // --- phase 2: UI checks driven through Playwright -----------------------------------------------------
    if (opts.ui) {
      const selected = uiChecks.filter((c) => !opts.grepRe || opts.grepRe.test(`ui ${c.name}`));
      if (selected.length) {
        const uiWorkspace = path.join(run.dir, 'workspace-ui');
        copyWorkspace(uiWorkspace);
        const context = await race(browser.newContext({ viewport: VIEWPORT, locale: 'en-US' }));
        page = await race(context.newPage());
        page.on('crash', () => abort('the browser page (workbench) crashed'));
        const wb = new Workbench(page, { screenshotsDir: paths.screenshots, workspace: uiWorkspace });
        console.log('\n  ui checks (workbench driven by Playwright)');
        let ready = null;
        const crashesBefore = hostCrashes.length;
        try {
          await race(page.goto(workbenchUrl(uiWorkspace, [['extensionDevelopmentPath', remote(paths.extension)], ['skipWelcome', 'true']])));
          await race(wb.waitReady());
        } catch (e) {
          if (/^timeout after|^the VS Code server|^interrupted|crashed/.test(e.message)) throw e;
          ready = e;
          await screenshot(page, 'ui-workbench-not-ready');
        }
        for (const check of selected) {
          const t = Date.now();
          let error = ready && new Error(`workbench did not become ready: ${ready.message}`);
          if (!error) {
            try {
              await wb.reset();
              let checkTimer;
              await race(Promise.race([
                check.run(wb),
                new Promise((_, rej) => { checkTimer = setTimeout(() => rej(new Error(`check timed out after ${(check.timeout || 60000) / 1000}s`)), check.timeout || 60000); }),
              ]).finally(() => clearTimeout(checkTimer)));
            } catch (e) {
              if (/^timeout after|^the VS Code server|^interrupted|crashed/.test(e.message)) throw e;
              error = e;
              await screenshot(page, 'FAILED-' + slug(check.name));
            }
          }
          if (!error && hostCrashes.length > crashesBefore) error = new Error(hostCrashes.slice(crashesBefore).join('; '));
          const r = { name: check.name, ok: !error, error: error ? (error.stack || String(error)) : null, ms: Date.now() - t };
          result.ui.push(r);
          console.log(r.ok ? `    ✔ ${check.name} (${r.ms}ms)` : `    ✗ ${check.name} (${r.ms}ms)\n      ${String(error.message).split('\n').join('\n      ')}`);
        }
        await context.close().catch(() => {});
        page = undefined;
      }
    }
  } catch (e) {
    result.error = e.message || String(e);
    if (page) await screenshot(page, 'aborted');
  } finally {
    clearTimeout(timer);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(sig, onSignal);
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    stopping = true;
    killGroup(server);
    try { watchdog.kill(); } catch { /* gone */ }
    serverLog.end();
  }
  return result;
}

function serverVersion(host) {
  try {
    const product = JSON.parse(fs.readFileSync(path.join(path.dirname(host.serverMain), '..', 'product.json'), 'utf8'));
    return `${product.version} (code-server ${host.codeServerVersion})`;
  } catch {
    return `(code-server ${host.codeServerVersion})`;
  }
}

/**
 * The server runs in its own process group (so that its extension hosts can be ended together). If the launcher
 * itself is killed (SIGKILL, a closed pipe), nothing would end that group: a tiny detached watchdog does.
 */
function spawnWatchdog(serverPgid) {
  const code = `
    const [launcher, group] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    setInterval(() => {
      if (!alive(-group)) process.exit(0);
      if (!alive(launcher)) {
        try { process.kill(-group, 'SIGTERM'); } catch {}
        setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 3000);
      }
    }, 1000);`;
  const w = spawn(process.execPath, ['-e', code, String(process.pid), String(serverPgid)], { detached: true, stdio: 'ignore' });
  w.unref();
  return w;
}

function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
  t.unref();
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function screenshot(page, name) {
  try {
    fs.mkdirSync(paths.screenshots, { recursive: true });
    const file = path.join(paths.screenshots, `${name}.png`);
    await page.screenshot({ path: file, timeout: 10000 });
    log(`screenshot: ${path.relative(process.cwd(), file)}`);
  } catch { /* the page may be gone */ }
}

module.exports = { run, install };
