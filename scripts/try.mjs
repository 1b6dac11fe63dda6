// npm run try: packs the extension as a VSIX, installs it into the offline VS Code server (test/host), opens a copy of
// sample/ on 127.0.0.1 and prints the URL to open in a browser; runs until Ctrl+C. With --check it opens that URL itself
// in headless Chromium, checks what a new user would see (diagnostics, completion, preview, the Chinese UI) and exits.
//
//   node scripts/try.mjs [--port N] [--locale zh-cn|en] [--keep] [--verbose]
//   node scripts/try.mjs --check [--screenshots DIR] [--timeout SEC]      (ends with "N passed, N failed")
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVsix } from './package.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { install, installExtension, startServer, serverVersion } = require('../test/host/server.js');
const { writeUserSettings } = require('../test/host/common.js');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt; };
const check = flag('--check');
const t0 = Date.now();
const say = (...m) => console.log('[try]', ...m);
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

/**
 * VS Code takes its display language from a language pack; there is none offline, so register a stand-in for zh-cn
 * with no translations of its own: a browser asking for Chinese (Accept-Language, or the `vscode.nls.locale` cookie
 * that "Configure Display Language" sets) then gets `vscode.env.language === 'zh-cn'`, and the extension shows its
 * Chinese strings (package.nls.zh-cn.json, l10n/bundle.l10n.zh-cn.json), while VS Code's own menus stay English (they
 * would come from the Marketplace pack).
 *
 * How the server (VS Code 1.139) uses this: for each page it takes the language from --locale, else `locale` in
 * <user data>/User/argv.json (a missing file counts as "en", hence the file), else the cookie, else the first
 * Accept-Language; for a language other than en it looks the language up in <user data>/languagepacks.json and writes
 * the workbench's messages from `translations.vscode` into <user data>/clp/. The entry needs one `extensions` item
 * (the id of the pack's extension): before scanning extensions the workbench asks the server which language packs are
 * installed, and the server reads `extensions[0].extensionIdentifier.id` of each entry; with an empty list that throws,
 * the workbench gets no remote extensions at all, and nothing of ours runs in a Chinese browser.
 */
function registerLocales(userData, locale) {
  const translations = path.join(userData, 'zh-cn-locale', 'main.i18n.json');
  mkdirSync(path.dirname(translations), { recursive: true });
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    'zh-cn': {
      hash: 'bilingual-posts-try-1',
      extensions: [{ extensionIdentifier: { id: 'bilingual-posts.try-zh-cn' }, version: '1.0.0' }],
      translations: { vscode: translations },
      label: '中文(简体)',
    },
  }));
  // An argv.json without `locale` lets the browser's language decide; --locale writes one.
  const argv = path.join(userData, 'User', 'argv.json');
  mkdirSync(path.dirname(argv), { recursive: true });
  writeFileSync(argv, JSON.stringify(locale ? { locale } : {}, null, 2));
}

/** Everything up to a listening server with the packaged extension installed; returns what the caller needs. */
export async function startTryServer({ port = 0, verbose = false, locale = '', log = say } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bilingual-posts-try-'));
  const run = {
    dir,
    workspace: path.join(dir, 'sample'),
    userData: path.join(dir, 'user-data'),
    serverData: path.join(dir, 'server-data'),
    extensionsDir: path.join(dir, 'extensions'),
    vsix: path.join(dir, 'bilingual-posts.vsix'),
  };
  log('building and packing the extension (npm run package)');
  const pack = packageVsix(run.vsix, { log });
  log(`${path.basename(run.vsix)}: ${(pack.bytes / 1024).toFixed(1)} KB, ${pack.entries.length} files (${secs()})`);
  const host = install({ quiet: !verbose });
  cpSync(path.join(repo, 'sample'), run.workspace, { recursive: true });
  writeUserSettings(run.userData);
  mkdirSync(run.extensionsDir, { recursive: true });
  const installed = installExtension(host, run.vsix, { extensionsDir: run.extensionsDir, userData: run.userData, serverDataDir: run.serverData });
  if (verbose) log(installed);
  registerLocales(run.userData, locale);
  let onExit = () => {};
  const server = startServer(host, {
    userData: run.userData, serverDataDir: run.serverData, extensionsDir: run.extensionsDir, cwd: run.dir, port,
    logFile: path.join(run.dir, 'server.log'), verbose,
    onExit: (code, signal) => onExit(code, signal),
  });
  const listening = await server.port;
  const url = `http://127.0.0.1:${listening}/?folder=${encodeURIComponent(run.workspace)}`;
  return { run, host, server, url, installed, version: serverVersion(host), onServerExit: (f) => { onExit = f; } };
}

async function tryIt() {
  const keep = flag('--keep');
  const t = await startTryServer({ port: Number(value('--port', 0)), verbose: flag('--verbose'), locale: value('--locale', '') });
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    t.server.stop();
    if (keep) say(`kept ${t.run.dir}`); else rmSync(t.run.dir, { recursive: true, force: true, maxRetries: 3 });
    process.exit(code);
  };
  t.onServerExit((code, signal) => { console.error(`[try] the VS Code server stopped (code ${code}, signal ${signal}); log: ${t.server.logFile}`); if (!keep) say('(run with --keep to keep the log)'); stop(1); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { console.log(''); say('stopping'); stop(0); });
  console.log('');
  say(`VS Code ${t.version} is serving the sample blog (a copy: ${t.run.workspace}) with Bilingual Posts installed.`);
  say(`ready after ${secs()}. Open this URL in a browser:`);
  console.log('');
  console.log(`    ${t.url}`);
  console.log('');
  say('Open a post (Ctrl+P michael-burry-coreweave.md): problems are underlined; Ctrl+Space in the front matter');
  say('completes entity names; "Bilingual: Open Preview to the Side" in the Command Palette (Ctrl+Shift+P) shows the preview.');
  say('A browser set to Chinese shows the extension in Chinese. Press Ctrl+C to stop (the copy is then deleted).');
}

const main = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (main && check) {
  const { runChecks } = await import('./try-check.mjs');
  const code = await runChecks({ startTryServer, screenshotsDir: value('--screenshots', ''), timeoutSec: Number(value('--timeout', 600)), verbose: flag('--verbose') });
  process.exit(code);
} else if (main) {
  tryIt().catch((e) => { console.error(`[try] FAILED: ${e && e.message ? e.message : e}`); process.exit(1); });
}
