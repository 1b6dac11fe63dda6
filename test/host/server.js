// The offline VS Code server (server-main.js from the npm package code-server, installed by install.sh): install it,
// install a VSIX into an extensions dir, start it on 127.0.0.1 in its own process group, stop it. Used by the test
// launcher (server-host.js), the VSIX/locale UI checks and `npm run try` (scripts/try.mjs).
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { paths } = require('./common');

/** Installs (idempotently) the offline host; returns the paths from host.json, or throws. */
function install({ quiet = false } = {}) {
  if (process.env.BILINGUAL_HOST_SKIP_INSTALL !== '1') {
    const r = spawnSync('bash', [paths.installScript], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', env: { ...process.env, BILINGUAL_HOST_CACHE: paths.cache } });
    if (r.error || r.status !== 0) {
      throw new Error(`installing the offline host failed (exit ${r.status ?? r.error?.message}); see the messages above and ${path.join(paths.cache, 'install.log')}`);
    }
  }
  const hostJson = path.join(paths.cache, 'host.json');
  if (!fs.existsSync(hostJson)) throw new Error(`${hostJson} is missing: run bash test/host/install.sh`);
  return JSON.parse(fs.readFileSync(hostJson, 'utf8'));
}

/** The environment for the server: Node 24 first in PATH, nothing inherited from a VS Code terminal. */
function serverEnv(host, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  env.PATH = path.dirname(host.node) + path.delimiter + env.PATH;
  return Object.assign(env, extra);
}

/**
 * Installs a VSIX (or an extension id) into `extensionsDir` the way a user does: `server-main.js --install-extension`.
 * Returns the server CLI's output; throws when it fails.
 */
function installExtension(host, vsix, { extensionsDir, userData, serverDataDir }) {
  const r = spawnSync(host.node, [host.serverMain, '--accept-server-license-terms', '--install-extension', vsix, '--force',
    '--extensions-dir', extensionsDir, '--user-data-dir', userData, '--server-data-dir', serverDataDir],
  { encoding: 'utf8', env: serverEnv(host), timeout: 120000 });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.error || r.status !== 0 || /failed|error/i.test(out)) {
    throw new Error(`--install-extension ${path.basename(vsix)} failed (exit ${r.status ?? r.error?.message}):\n${out}`);
  }
  return out.trim();
}

/**
 * Starts the server on 127.0.0.1 (a free port unless `port` is given), without a connection token.
 * Returns { child, port: Promise<number>, logFile, stop() }. `port` rejects if the server exits before listening.
 * onHostCrash(message): an extension host died (the workbench may still report exit code 0);
 * onExit(code, signal): the server exited without stop() being called.
 */
function startServer(host, opts) {
  const { userData, serverDataDir, extensionsDir, cwd, logFile, verbose = false, smokeTestDriver = false, port = 0,
    env = {}, extraArgs = [], onHostCrash = () => {}, onExit = () => {} } = opts;
  const log = fs.createWriteStream(logFile);
  const child = spawn(host.node, [host.serverMain,
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []), '--disable-telemetry', '--disable-workspace-trust',
    '--user-data-dir', userData, '--server-data-dir', serverDataDir, '--extensions-dir', extensionsDir, ...extraArgs,
  ], { cwd, env: serverEnv(host, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let head = '';
  let resolvePort, rejectPort;
  const portPromise = new Promise((res, rej) => { resolvePort = res; rejectPort = rej; });
  portPromise.catch(() => {});
  const onData = (chunk) => {
    if (!log.writableEnded) log.write(chunk);
    if (verbose) process.stderr.write(chunk);
    if (head.length < 20000) {
      head += chunk;
      const m = /Extension host agent listening on (\d+)/.exec(head);
      if (m) resolvePort(Number(m[1]));
    }
    for (const m of String(chunk).matchAll(/Extension Host Process exited with code: (\S+), signal: (\S+)\./g)) {
      if (m[1] !== '0' || m[2] !== 'null') onHostCrash(`the extension host process died (code ${m[1]}, signal ${m[2]}); see ${logFile}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const watchdog = spawnWatchdog(child.pid);
  let stopping = false;
  child.on('exit', (code, signal) => {
    rejectPort(new Error(`the VS Code server exited before listening (code ${code}, signal ${signal}); see ${logFile}`));
    if (!stopping) onExit(code, signal);
  });
  child.on('close', () => log.end());
  child.on('error', (e) => { rejectPort(new Error(`could not start the VS Code server: ${e.message}`)); if (!stopping) onExit(null, e.message); });
  return {
    child,
    port: portPromise,
    logFile,
    stop() {
      stopping = true;
      killGroup(child);
      try { watchdog.kill(); } catch { /* gone */ }
      if (child.exitCode !== null || child.signalCode !== null) log.end(); // else on 'close'
    },
  };
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
 * The server runs in its own process group (so that its extension hosts can be ended together). If the process
 * that started it is killed (SIGKILL, a closed pipe), nothing would end that group: a tiny detached watchdog does.
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

module.exports = { install, serverEnv, installExtension, startServer, serverVersion };
