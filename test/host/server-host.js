// The offline host: the VS Code server bundled in the npm package code-server (installed by install.sh into a
// cache outside the repo), started directly with --enable-smoke-test-driver, its web workbench opened in
// Debian's Chromium through playwright-core. Two phases against ONE server start, each in a fresh browser context:
//   1. the in-host mocha suite: extensionDevelopmentPath + extensionTestsPath in the workbench URL's `payload`;
//      the workbench reports the extension host's exit code through window.codeAutomationExit
//   2. the UI checks (ui-checks.js): the extension under development loaded in a normal workbench, driven by Playwright
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { paths, makeRunDir, copyWorkspace, followFile, parseInHostSummary, readIfExists, elapsed, log } = require('./common');
const { Workbench } = require('./ui');
const { install, startServer, serverVersion } = require('./server');

const VIEWPORT = { width: 1400, height: 900 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=en-US'];

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
  const hostCrashes = [];
  const server = startServer(host, {
    userData: run.userData, serverDataDir: path.join(run.dir, 'server-data'), extensionsDir: run.extensionsDir, cwd: run.dir,
    logFile: path.join(run.dir, 'server.log'), verbose: opts.verbose, smokeTestDriver: true,
    // the remote extension host inherits the server's environment
    env: { BILINGUAL_TEST_LOG: run.testLog, BILINGUAL_TEST_GREP: opts.grep || undefined },
    onHostCrash: (message) => hostCrashes.push(message),
    onExit: (code, signal) => abort(`the VS Code server exited unexpectedly (code ${code}, signal ${signal}); see ${path.join(run.dir, 'server.log')}`),
  });

  let browser;
  let page;
  try {
    const port = await race(server.port);
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
    server.stop();
  }
  return result;
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
