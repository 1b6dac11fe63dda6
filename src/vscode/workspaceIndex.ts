// The workspace entity index: built in the background after activation, kept current as files change, and
// persisted in the extension's workspace storage so a reopened blog of thousands of posts is ready at once.
import * as vscode from 'vscode';
import { EntityIndex, frontMatterByteLength, isExcluded, type FileEntry } from '../core';
import type { BlogConfig } from './blogConfig';

const SNAPSHOT_FILE = 'entity-index.json';
const SNAPSHOT_VERSION = 2;
const BATCH = 48;

/** The on-disk form: each post with the stamp (mtime, size) its entry was read at. */
interface Snapshot { version: number; keys: string; files: [string, number, number, FileEntry][] }

export interface IndexStats {
  files: number;
  /** Where the last build started from. */
  fromSnapshot: boolean;
  /** Posts whose entry came from the snapshot unchanged (stat only). */
  reused: number;
  /** Posts read from disk. */
  read: number;
  /** Snapshot entries dropped because the file is gone or excluded. */
  dropped: number;
  buildMs: number;
  building: boolean;
}

interface Stamp { mtime: number; size: number }

export class WorkspaceIndex implements vscode.Disposable {
  index: EntityIndex;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private building: Promise<void> | undefined;
  private readonly stamps = new Map<string, Stamp>();
  private keysSignature = '';
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private lastStats: IndexStats = { files: 0, fromSnapshot: false, reused: 0, read: 0, dropped: 0, buildMs: 0, building: false };

  constructor(private readonly config: BlogConfig, private readonly storage?: vscode.Uri) {
    this.index = new EntityIndex(this.currentConfig());
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.subs.push(watcher, this.emitter,
      watcher.onDidCreate(u => void this.refreshFile(u)),
      watcher.onDidChange(u => void this.refreshFile(u)),
      watcher.onDidDelete(u => this.forget(u)),
      vscode.workspace.onDidSaveTextDocument(d => { if (d.languageId === 'markdown' && d.uri.scheme !== 'untitled') this.fromDocument(d); }),
      config.onDidChange(() => this.configChanged()),
    );
  }

  get stats(): IndexStats { return { ...this.lastStats, files: this.index.size }; }

  private currentConfig() {
    const f = vscode.workspace.workspaceFolders?.[0];
    return f ? this.config.forUri(f.uri) : this.config.forUri(vscode.Uri.parse('untitled:none'));
  }

  /** Starts (once) the background build; resolves when every post has been read or checked against the snapshot. */
  ready(): Promise<void> {
    if (!this.building) this.building = this.build(true);
    return this.building;
  }

  /**
   * Starts over: reads every post again (the "Rebuild Entity Index" command), or, with `useSnapshot`, does
   * what opening the workspace does: load the saved snapshot and re-read only files that changed since.
   */
  rebuild(useSnapshot = false): Promise<void> {
    const run = async () => {
      await this.building?.catch(() => undefined);
      this.clear();
      await this.build(useSnapshot);
    };
    this.building = run();
    return this.building;
  }

  private clear(): void {
    for (const f of [...this.index.fileNames()]) this.index.remove(f);
    this.stamps.clear();
  }

  private excluded(u: vscode.Uri): boolean {
    const rel = vscode.workspace.asRelativePath(u, false);
    if (!vscode.workspace.getWorkspaceFolder(u)) return true;
    return isExcluded(rel, this.config.forUri(u));
  }

  private async build(useSnapshot: boolean): Promise<void> {
    const t0 = Date.now();
    const stats: IndexStats = { files: 0, fromSnapshot: false, reused: 0, read: 0, dropped: 0, buildMs: 0, building: true };
    this.lastStats = stats;
    await this.config.ready();
    this.index.setConfig(this.currentConfig());
    this.keysSignature = this.signature();
    if (useSnapshot && this.index.size === 0) {
      stats.fromSnapshot = await this.restore();
      // The restored index is usable right away; the check against the disk below only patches it.
      if (stats.fromSnapshot) this.emitter.fire();
    }
    const files = (await vscode.workspace.findFiles('**/*.md', '**/node_modules/**')).filter(u => !this.excluded(u));
    const present = new Set(files.map(u => u.toString()));
    for (const f of [...this.index.fileNames()]) {
      if (!present.has(f)) { this.index.remove(f); this.stamps.delete(f); stats.dropped++; }
    }
    let sinceFire = 0;
    for (let i = 0; i < files.length && !this.disposed; i += BATCH) {
      await Promise.all(files.slice(i, i + BATCH).map(async u => {
        const key = u.toString();
        const known = this.stamps.get(key);
        try {
          const st = await vscode.workspace.fs.stat(u);
          if (known && known.mtime === st.mtime && known.size === st.size && this.index.has(key)) { stats.reused++; return; }
          await this.read(u, st);
          stats.read++;
        } catch { this.index.remove(key); this.stamps.delete(key); }
      }));
      // A first build on a big blog shows partial results as it goes.
      if ((sinceFire += BATCH) >= 1000) { sinceFire = 0; this.emitter.fire(); }
    }
    stats.buildMs = Date.now() - t0;
    stats.building = false;
    this.emitter.fire();
    if (stats.read || stats.dropped || !stats.fromSnapshot) await this.save();
  }

  private signature(): string { return this.index.entityKeys().join(','); }

  private async read(u: vscode.Uri, st?: vscode.FileStat): Promise<void> {
    const stat = st ?? await vscode.workspace.fs.stat(u);
    const bytes = await vscode.workspace.fs.readFile(u);
    // Only the front matter is decoded: it is a KB or two at the top of a post of tens of KB.
    const n = frontMatterByteLength(bytes);
    const text = new TextDecoder().decode(n === bytes.length ? bytes : bytes.subarray(0, n));
    const key = u.toString();
    this.index.updateText(key, text);
    this.stamps.set(key, { mtime: stat.mtime, size: stat.size });
  }

  private async refreshFile(u: vscode.Uri): Promise<void> {
    if (this.excluded(u)) return;
    try { await this.read(u); } catch { this.index.remove(u.toString()); this.stamps.delete(u.toString()); }
    this.changed();
  }

  private forget(u: vscode.Uri): void {
    const key = u.toString();
    // A deleted folder reports only itself: drop every post under it.
    const prefix = key.endsWith('/') ? key : key + '/';
    let any = false;
    for (const f of [...this.index.fileNames()]) {
      if (f === key || f.startsWith(prefix)) { this.index.remove(f); this.stamps.delete(f); any = true; }
    }
    if (any) this.changed();
  }

  private fromDocument(d: vscode.TextDocument): void {
    if (this.excluded(d.uri)) return;
    this.index.updateText(d.uri.toString(), d.getText());
    // The stamp follows from the watcher's re-read; until then the entry is current but unstamped.
    this.stamps.delete(d.uri.toString());
    void vscode.workspace.fs.stat(d.uri).then(st => { if (!d.isDirty) this.stamps.set(d.uri.toString(), { mtime: st.mtime, size: st.size }); }, () => undefined);
    this.changed();
  }

  private configChanged(): void {
    this.index.setConfig(this.currentConfig());
    // New entity keys change what each file contributes: read everything again.
    if (this.keysSignature && this.signature() !== this.keysSignature) void this.rebuild(false);
    this.emitter.fire();
  }

  private changed(): void {
    this.emitter.fire();
    this.scheduleSave();
  }

  // ------------------------------------------------------------ persistence

  private snapshotUri(): vscode.Uri | undefined { return this.storage && vscode.Uri.joinPath(this.storage, SNAPSHOT_FILE); }

  private async restore(): Promise<boolean> {
    const uri = this.snapshotUri();
    if (!uri) return false;
    let snap: Snapshot;
    try { snap = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Snapshot; } catch { return false; }
    if (!snap || snap.version !== SNAPSHOT_VERSION || snap.keys !== this.keysSignature || !Array.isArray(snap.files)) return false;
    for (const row of snap.files) {
      if (!Array.isArray(row) || row.length !== 4) continue;
      const [file, mtime, size, entry] = row;
      if (typeof file !== 'string' || !entry || typeof entry.values !== 'object') continue;
      this.index.update(file, entry);
      this.stamps.set(file, { mtime, size });
    }
    return this.index.size > 0;
  }

  private scheduleSave(): void {
    if (!this.storage || this.disposed) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => { this.saveTimer = undefined; void this.save(); }, 2000);
  }

  /** Writes the snapshot now (also used by tests through the index info command). */
  async save(): Promise<boolean> {
    const uri = this.snapshotUri();
    if (!uri || !this.storage) return false;
    const files: Snapshot['files'] = [];
    for (const f of this.index.fileNames()) {
      const st = this.stamps.get(f);
      const e = this.index.entry(f);
      if (st && e) files.push([f, st.mtime, st.size, e]);
    }
    const snap: Snapshot = { version: SNAPSHOT_VERSION, keys: this.keysSignature, files };
    try {
      await vscode.workspace.fs.createDirectory(this.storage);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(snap)));
      return true;
    } catch { return false; }
  }

  dispose(): void {
    this.disposed = true;
    if (this.saveTimer) { clearTimeout(this.saveTimer); void this.save(); }
    for (const d of this.subs) d.dispose();
  }
}
