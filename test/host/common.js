// Shared by the launcher and both hosts: repository paths, the throw-away run directory,
// quiet user settings, log streaming and the result-line parser. Paths are computed at run time.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const paths = {
  repo,
  extension: repo, // extensionDevelopmentPath: package.json with main ./dist/extension.js
  extensionMain: path.join(repo, 'dist', 'extension.js'),
  testsIndex: path.join(repo, 'out', 'test', 'integration', 'index.js'),
  fixtureWorkspace: path.join(repo, 'test', 'fixtures', 'workspace'),
  screenshots: path.join(repo, 'artifacts', 'screenshots'),
  installScript: path.join(__dirname, 'install.sh'),
  cache: process.env.BILINGUAL_HOST_CACHE || path.join(os.homedir(), '.cache', 'bilingual-posts-host'),
};

// Deterministic, quiet workbench: no AI/chat, no welcome page or walkthroughs, no auto-save,
// no workspace-trust prompt, no telemetry, no update or recommendation pop-ups.
const quietSettings = {
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'git.autoRepositoryDetection': false,
  'editor.minimap.enabled': false,
  'editor.accessibilitySupport': 'off',
  'accessibility.signals.sounds.volume': 0,
  'notebook.experimental.generateNotebookDescription': false,
};

/** Makes the throw-away run directory: a copy of the fixture workspace, user data with quiet settings, logs. */
function makeRunDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const run = {
    dir,
    workspace: path.join(dir, 'workspace'),
    userData: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    testLog: path.join(dir, 'tests.log'),
  };
  copyWorkspace(run.workspace);
  writeUserSettings(run.userData);
  fs.mkdirSync(run.extensionsDir, { recursive: true });
  return run;
}

function copyWorkspace(dest) {
  fs.cpSync(paths.fixtureWorkspace, dest, { recursive: true });
}

function writeUserSettings(userDataDir) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
}

/** Follows a growing file and writes what is appended to `out`; returns { stop() } (stop flushes the rest). */
function followFile(file, out = process.stdout) {
  let pos = 0;
  const pump = () => {
    let fd;
    try { fd = fs.openSync(file, 'r'); } catch { return; }
    try {
      const size = fs.fstatSync(fd).size;
      if (size < pos) pos = 0; // truncated (the runner starts with an empty file)
      if (size > pos) {
        const buf = Buffer.alloc(size - pos);
        fs.readSync(fd, buf, 0, buf.length, pos);
        pos = size;
        out.write(buf);
      }
    } finally { fs.closeSync(fd); }
  };
  const timer = setInterval(pump, 200);
  return { stop() { clearInterval(timer); pump(); } };
}

/** The in-host runner's closing line ("extension-host: N passed, N failed, N skipped"), or null. */
function parseInHostSummary(text) {
  const m = /^extension-host: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/m.exec(text || '');
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] || 0) } : null;
}

function readIfExists(file) {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
const log = (...args) => console.log('[launch]', ...args);

module.exports = { paths, quietSettings, makeRunDir, copyWorkspace, writeUserSettings, followFile, parseInHostSummary, readIfExists, elapsed, log };
