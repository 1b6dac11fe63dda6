// The desktop host: @vscode/test-electron runs the same in-host suite in VS Code desktop (Electron).
// Uses VSCODE_EXECUTABLE if set, otherwise lets test-electron download VS Code (needs the network;
// choose it with BILINGUAL_HOST=electron). Linux without a display: run under xvfb-run.
// The UI checks need the server host (they drive the web workbench); here they are reported as skipped.
'use strict';
const { paths, makeRunDir, followFile, parseInHostSummary, readIfExists, elapsed, log } = require('./common');

async function run(opts) {
  const { runTests } = require('@vscode/test-electron');
  const run = makeRunDir('bilingual-electron-');
  const result = { inHost: null, ui: [], error: null, runDir: run.dir, hostName: 'VS Code desktop (@vscode/test-electron)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('warning: no DISPLAY; VS Code desktop needs one on Linux (run under xvfb-run -a)');
  }
  const follower = followFile(run.testLog);
  let timer;
  try {
    const exitCode = await Promise.race([
      runTests({
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
        version: process.env.VSCODE_VERSION || undefined,
        extensionDevelopmentPath: paths.extension,
        extensionTestsPath: paths.testsIndex,
        extensionTestsEnv: { BILINGUAL_TEST_LOG: run.testLog, ...(opts.grep ? { BILINGUAL_TEST_GREP: opts.grep } : {}) },
        launchArgs: [run.workspace, '--user-data-dir', run.userData, '--extensions-dir', run.extensionsDir,
          '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-updates', '--disable-gpu'],
      }).then(() => 0, (e) => {
        // runTests rejects with "Test run failed with code N" or a download/launch error
        const m = /code (\d+)/.exec(String(e && e.message));
        if (m) return Number(m[1]);
        throw e;
      }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout after ${opts.timeoutSec}s`)), opts.timeoutSec * 1000); }),
    ]);
    follower.stop();
    result.inHost = { exitCode, summary: parseInHostSummary(readIfExists(run.testLog)) };
    log(`VS Code exited with ${exitCode} after ${elapsed()}`);
  } catch (e) {
    result.error = `VS Code desktop host failed: ${e && e.message ? e.message : e}` +
      (process.env.VSCODE_EXECUTABLE ? '' : ' (test-electron downloads VS Code unless VSCODE_EXECUTABLE points to one; offline, use BILINGUAL_HOST=server)');
  } finally {
    clearTimeout(timer);
    follower.stop();
  }
  return result;
}

module.exports = { run };
