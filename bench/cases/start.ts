// Extension start in plain node: bundle size, and require + activate() of dist/extension.js against a stub `vscode`.
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { note, verdict, type Ctx } from '../context';
import { summarize, spread, ms } from '../stats';

/**
 * Runs in a fresh node per sample (--child start): installs a stub `vscode` module, requires the bundle, calls
 * activate() with a fake context, and reports the times plus which stub APIs were touched.
 */
export async function startChild(root: string): Promise<void> {
  const Module = require('module') as { _resolveFilename: (req: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const touched = new Set<string>();
  const { vscode } = makeStub(root, touched);
  const stubId = path.join(root, 'bench', '.work', 'vscode-stub.js');
  const orig = Module._resolveFilename;
  Module._resolveFilename = function (req: string, ...rest: unknown[]) { return req === 'vscode' ? stubId : orig.call(this, req, ...rest); };
  require.cache[stubId] = { id: stubId, filename: stubId, loaded: true, exports: vscode } as unknown as NodeJS.Module;
  const bundle = path.join(root, 'dist', 'extension.js');
  const before = new Set(Object.keys(require.cache));
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ext = require(bundle) as { activate: (c: unknown) => unknown };
  const t1 = performance.now();
  const subscriptions: { dispose?: () => void }[] = [];
  const context = fakeContext(root, subscriptions);
  const ret = ext.activate(context);
  const t2 = performance.now();
  if (ret && typeof (ret as Promise<unknown>).then === 'function') await ret;
  const t3 = performance.now();
  // Let the background work scheduled by activate() run, then see what got loaded.
  await new Promise(r => setTimeout(r, 50));
  const loaded = Object.keys(require.cache).filter(k => !before.has(k) && k !== stubId && k !== bundle);
  process.stdout.write(JSON.stringify({ require: t1 - t0, activate: t2 - t1, activateAsync: t3 - t1, subscriptions: subscriptions.length, touched: [...touched].sort(), loaded: loaded.map(l => path.relative(root, l)), heapMB: (process.memoryUsage().heapUsed - heap0) / 1048576 }));
}

/** Top-level names of the vscode API (classes, enums, namespaces), from its type declarations. */
function apiNames(root: string): string[] {
  try {
    const dts = fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    return [...dts.matchAll(/^\texport (?:class|enum|namespace) (\w+)/gm)].map(m => m[1]);
  } catch { return []; }
}

function fakeContext(root: string, subscriptions: unknown[]): unknown {
  const memento = () => { const m = new Map<string, unknown>(); return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: async (k: string, v: unknown) => { m.set(k, v); }, keys: () => [...m.keys()], setKeysForSync: () => undefined }; };
  const storage = path.join(root, 'bench', '.work', 'ext-storage');
  return {
    subscriptions, extensionPath: root, extensionUri: { fsPath: root, scheme: 'file', path: root, toString: () => `file://${root}` },
    globalState: memento(), workspaceState: memento(), storagePath: storage, globalStoragePath: storage, logPath: storage,
    storageUri: { fsPath: storage, scheme: 'file', path: storage, toString: () => `file://${storage}` },
    globalStorageUri: { fsPath: storage, scheme: 'file', path: storage, toString: () => `file://${storage}` },
    asAbsolutePath: (p: string) => path.join(root, p), extensionMode: 1, environmentVariableCollection: {}, secrets: { get: async () => undefined, store: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    extension: { id: 'bilingual-posts.bilingual-posts', packageJSON: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) },
  };
}

/**
 * A `vscode` module whose every API is a no-op: events return disposables, finders return nothing, configuration
 * returns defaults. Anything not listed is a deep proxy, so new API use does not break the measurement.
 */
function makeStub(root: string, touched: Set<string>): { vscode: unknown } {
  const disposable = () => ({ dispose() {} });
  const event = () => disposable;
  class EventEmitter { event = (_l: unknown) => disposable(); fire() {} dispose() {} }
  class Disposable { constructor(private f?: () => void) {} static from(...d: { dispose?: () => void }[]) { return new Disposable(() => d.forEach(x => x.dispose?.())); } dispose() { this.f?.(); } }
  const uri = (s: string) => ({ scheme: s.split(':')[0], fsPath: s.replace(/^file:\/\//, ''), path: s.replace(/^\w+:\/\//, ''), toString: () => s, with: () => uri(s) });
  const Uri = { parse: (s: string) => uri(s), file: (p: string) => uri(`file://${p}`), joinPath: (b: { toString(): string }, ...p: string[]) => uri(`${b.toString()}/${p.join('/')}`) };
  const config = { get: (_k: string, d?: unknown) => d, has: () => false, inspect: () => undefined, update: async () => undefined };
  const deep = (name: string): unknown => {
    const fn = function () { /* no-op */ };
    const assigned = new Map<PropertyKey, unknown>();
    return new Proxy(fn, {
      // Assignments (item.text = …) are kept, so reading them back gives what was set.
      set(_t, p, v) { assigned.set(p, v); return true; },
      defineProperty(_t, p, d) { assigned.set(p, d.value); return true; },
      get(_t, p) {
        if (assigned.has(p)) return assigned.get(p);
        if (p === 'then') return undefined;
        if (p === Symbol.iterator) return function* () { /* empty */ };
        if (p === Symbol.toPrimitive) return () => 0;
        if (p === 'dispose') return () => undefined;
        if (typeof p === 'symbol') return undefined;
        touched.add(`${name}.${p}`);
        return /^onDid|^onWill/.test(p) ? event() : deep(`${name}.${p}`);
      },
      apply() { touched.add(`${name}()`); return deep(`${name}()`); },
      construct() { touched.add(`new ${name}`); return deep(`new ${name}`) as object; },
    });
  };
  const ns = (name: string, own: Record<string, unknown>) => new Proxy(own, {
    get(t, p) {
      if (typeof p === 'symbol') return undefined;
      touched.add(`${name}.${p}`);
      if (p in t) return t[p];
      if (/^onDid|^onWill/.test(p)) return event();
      if (/^register|^create(?!Uri)/.test(p)) return () => deep(`${name}.${p}()`);
      return deep(`${name}.${p}`);
    },
  });
  const top: Record<string, unknown> = {
    EventEmitter, Disposable, Uri,
    workspace: ns('workspace', {
      workspaceFolders: undefined, textDocuments: [], getConfiguration: () => config, findFiles: async () => [], getWorkspaceFolder: () => undefined,
      fs: ns('workspace.fs', { readFile: async () => { throw new Error('ENOENT'); }, stat: async () => { throw new Error('ENOENT'); } }),
    }),
    window: ns('window', { activeTextEditor: undefined, visibleTextEditors: [], tabGroups: { all: [], onDidChangeTabs: disposable } }),
    languages: ns('languages', {}),
    commands: ns('commands', { executeCommand: async () => undefined }),
    env: ns('env', { language: 'en', uiKind: 1, remoteName: undefined, appHost: 'desktop' }),
    extensions: ns('extensions', { getExtension: () => undefined, all: [] }),
  };
  // The bundle copies the module's own property names (esbuild's __toESM), so every top-level API name must be an
  // own property: they are read from @types/vscode; the ones not given above are deep no-op proxies.
  const vscode: Record<string, unknown> = {};
  for (const name of new Set([...apiNames(root), ...Object.keys(top)])) {
    Object.defineProperty(vscode, name, { enumerable: true, get: () => { touched.add(`vscode.${name}`); return name in top ? top[name] : deep(`vscode.${name}`); } });
  }
  return { vscode };
}

export async function startCase(ctx: Ctx): Promise<void> {
  const bundle = path.join(ctx.paths.root, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) {
    ctx.rows.push({ what: 'extension start', input: 'dist/extension.js', ours: 'not built yet', beside: '—', result: '—', target: '≤ 250 KB, activate() ≤ 20 ms', verdict: 'pending' });
    return;
  }
  const size = fs.statSync(bundle).size;
  ctx.rows.push({
    what: 'extension start: bundle size', input: 'dist/extension.js (minified, as shipped)', ours: `${(size / 1024).toFixed(1)} KB (${size.toLocaleString('en-US')} bytes)`,
    beside: '—', result: `${(size / 1024).toFixed(1)} KB`, target: '≤ 250 KB minified', verdict: verdict(size <= 250 * 1024),
  });
  const others = ['dist/render.js', 'dist/web/extension.js', 'dist/webview/preview.js', 'dist/cli.js']
    .filter(f => fs.existsSync(path.join(ctx.paths.root, f))).map(f => `${f} ${(fs.statSync(path.join(ctx.paths.root, f)).size / 1024).toFixed(1)} KB`);
  note(ctx, 'start', `Other bundles: ${others.join(', ')}.`);
  // What the bundle is made of (the same entry and options as scripts/build.mjs, re-bundled only to read its metafile).
  try {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const r = await esbuild.build({ entryPoints: [path.join(ctx.paths.root, 'src', 'extension.ts')], bundle: true, minify: true, write: false, metafile: true, platform: 'node', format: 'cjs', external: ['vscode'], target: 'es2022', logLevel: 'silent',
      plugins: [{ name: 'lazy', setup(b) { b.onResolve({ filter: /[\\/]core[\\/]render$/ }, a => (a.kind === 'dynamic-import' ? { path: './render.js', external: true } : undefined)); } }], supported: { 'dynamic-import': false } });
    const out = Object.values(r.metafile.outputs)[0];
    const byPkg = new Map<string, number>();
    for (const [file, info] of Object.entries(out.inputs)) {
      const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
      const key = m ? m[1] : file.startsWith('src/core') || file.includes('src/core/') ? 'src/core' : file.includes('src/vscode/') ? 'src/vscode' : 'src (other)';
      byPkg.set(key, (byPkg.get(key) ?? 0) + info.bytesInOutput);
    }
    note(ctx, 'start', `What dist/extension.js holds (bytes in the minified output): ${[...byPkg.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`).join(', ')}.`);
  } catch (e) { note(ctx, 'start', `(could not analyse the bundle: ${(e as Error).message})`); }

  // require + activate(), each sample in a fresh node (a second require in the same process would hit the cache).
  const runs = ctx.q(15, 5);
  const res: { require: number; activate: number; activateAsync: number; touched: string[]; loaded: string[]; heapMB: number; subscriptions: number }[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = spawnSync(process.execPath, [path.join(ctx.paths.root, 'bench', '.work', 'bench.js'), '--child', 'start'], { encoding: 'utf8', cwd: ctx.paths.root });
    if (r.status !== 0) throw new Error(`activate() under the stub failed: ${(r.stderr || r.stdout).slice(-800)}`);
    if (i > 0) res.push(JSON.parse(r.stdout));
  }
  const req = summarize(res.map(r => r.require)), act = summarize(res.map(r => r.activate));
  ctx.rows.push({
    what: 'extension start: activate()', input: 'dist/extension.js required in plain node with a stub `vscode` (not a real host)',
    ours: `activate() ${spread(act)}`, beside: `require() of the bundle ${spread(req)}`, result: `${ms(req.median + act.median)} require + activate`,
    target: 'activate() ≤ 20 ms', verdict: verdict(act.median <= 20),
  });
  const last = res[res.length - 1];
  note(ctx, 'start', `Under the stub, activate() registered ${last.subscriptions} disposables and touched ${last.touched.length} vscode APIs; heap grew ${last.heapMB.toFixed(1)} MB over require + activate.`);
  note(ctx, 'start', last.loaded.length ? `Modules node loaded besides the bundle: ${last.loaded.join(', ')}.` : 'Nothing besides the bundle was loaded by require + activate (the renderer in dist/render.js waits for the first preview).');
}
