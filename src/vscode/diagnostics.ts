// Diagnostics for open posts: one DiagnosticCollection fed by the core rules, debounced, sized to the file.
import * as vscode from 'vscode';
import { isExcluded, lintPost, looksLikePost, translationPlan, type Config, type Diagnostic, type Post, type TranslationPlan } from '../core';
import { SECTION } from './blogConfig';
import { toRange, toSeverity } from './convert';
import { isMarkdown, type Services } from './services';

export const SOURCE = 'bilingual-posts';

/** What one lint of one document version found; features share it instead of linting again. */
export interface LintResult {
  uri: vscode.Uri;
  version: number;
  post: Post;
  config: Config;
  diagnostics: Diagnostic[];
  plan: TranslationPlan;
}

/** Schemes of documents an author edits; diff views (git:) and output panes would only duplicate problems. Files of a
 * workspace folder count whatever their scheme: in a browser the folder is a file system provider's (vscode.dev's
 * local folders, github.dev, vscode-test-web), and its posts are what the author edits. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vsls']);

interface LintSettings { debounce: number; largeFileSize: number; largeFiles: 'idle' | 'save' | 'off'; largeFileDelay: number }

function readSettings(scope?: vscode.ConfigurationScope): LintSettings {
  const s = vscode.workspace.getConfiguration(`${SECTION}.lint`, scope);
  const num = (k: string, d: number, min: number) => { const v = s.get<number>(k); return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d; };
  const large = s.get<string>('largeFiles');
  return {
    debounce: num('debounce', 250, 0),
    largeFileSize: num('largeFileSize', 512, 1) * 1024,
    largeFiles: large === 'save' || large === 'off' ? large : 'idle',
    largeFileDelay: num('largeFileDelay', 1500, 0),
  };
}

/** The number of characters in a document, without materialising its text. */
function lengthOf(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

export class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly results = new Map<string, LintResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were published (or cleared). */
  readonly onDidLint = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private settings = readSettings();
  private disposed = false;
  private seenPost = false;

  constructor(private readonly services: Services) {
    const ws = vscode.workspace;
    this.subs.push(this.collection, this.emitter,
      ws.onDidOpenTextDocument(d => this.schedule(d, 0)),
      ws.onDidChangeTextDocument(e => { if (e.contentChanges.length) this.onChange(e.document); }),
      ws.onDidSaveTextDocument(d => this.schedule(d, 0, true)),
      ws.onDidCloseTextDocument(d => this.forget(d.uri)),
      ws.onDidChangeConfiguration(e => { if (e.affectsConfiguration(`${SECTION}.lint`)) { this.settings = readSettings(); this.relintAll(); } }),
      // The config file and settings feed severities, labels and the mode; the index feeds entity-variant.
      services.config.onDidChange(() => this.relintAll()),
      services.index.onDidChange(() => this.relintAll(500)),
    );
    for (const d of ws.textDocuments) this.schedule(d, 0);
  }

  /** The latest published result for this exact document version, if any. */
  current(doc: vscode.TextDocument): LintResult | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r : undefined;
  }

  /** The latest published result, even for an older version (its offsets may no longer match the text). */
  latest(uri: vscode.Uri): LintResult | undefined { return this.results.get(uri.toString()); }

  /**
   * A result for the document as it is now: the published one when it is current, else a fresh lint (also published).
   * Undefined when the document is not a post. Large files with a stale result give undefined unless `force`.
   */
  lintNow(doc: vscode.TextDocument, force = false): LintResult | undefined {
    const hit = this.current(doc);
    if (hit) return hit;
    if (!this.wanted(doc)) return undefined;
    if (!force && this.isLarge(doc) && this.results.has(doc.uri.toString())) return undefined;
    return this.run(doc);
  }

  isLarge(doc: vscode.TextDocument): boolean { return lengthOf(doc) > this.settings.largeFileSize; }

  relintAll(delay = 0): void {
    for (const d of vscode.workspace.textDocuments) {
      if (!this.wanted(d)) continue;
      if (this.isLarge(d)) {
        // Large posts keep their rhythm: "save" checks only saved text, "idle" waits for a pause.
        if (this.settings.largeFiles === 'save' && d.isDirty) continue;
        if (this.settings.largeFiles === 'idle') { this.schedule(d, Math.max(delay, this.settings.largeFileDelay)); continue; }
      }
      this.schedule(d, delay);
    }
  }

  private onChange(doc: vscode.TextDocument): void {
    if (!this.isLarge(doc)) return this.schedule(doc, this.settings.debounce);
    // Past the bound a full lint costs more than a frame of the extension host, so it waits for a pause or a save.
    if (this.settings.largeFiles === 'idle') this.schedule(doc, this.settings.largeFileDelay);
    else this.cancel(doc.uri);
  }

  private schedule(doc: vscode.TextDocument, delay: number, saved = false): void {
    if (this.disposed || !this.wanted(doc)) return;
    if (this.isLarge(doc) && this.settings.largeFiles === 'off') { this.clear(doc.uri); return; }
    if (saved) delay = 0;
    const key = doc.uri.toString();
    this.cancel(doc.uri);
    const version = doc.version;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.services.config.ready().then(() => {
        // A result for a version the user has already typed past would flash stale squiggles: drop it.
        if (this.disposed || doc.isClosed || doc.version !== version) return;
        this.run(doc);
      });
    }, delay));
  }

  private wanted(doc: vscode.TextDocument): boolean {
    return isMarkdown(doc) && (SCHEMES.has(doc.uri.scheme) || vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined);
  }

  private run(doc: vscode.TextDocument): LintResult | undefined {
    const key = doc.uri.toString();
    const config = this.services.config.forUri(doc.uri);
    const post = this.services.posts.get(doc);
    if (!this.isPost(doc, post, config)) { this.clear(doc.uri); return undefined; }
    const diagnostics = lintPost(post, { config, entities: this.services.index.index, file: key });
    const plan = translationPlan(post, config.translationMode);
    const result: LintResult = { uri: doc.uri, version: doc.version, post, config, diagnostics, plan };
    this.results.set(key, result);
    this.collection.set(doc.uri, diagnostics.map(toVsDiagnostic));
    if (!this.seenPost) {
      this.seenPost = true;
      // Shows the workspace report view once the workspace has a post.
      void vscode.commands.executeCommand('setContext', 'bilingualPosts.postsSeen', true);
    }
    this.emitter.fire(doc.uri);
    return result;
  }

  private isPost(doc: vscode.TextDocument, post: Post, config: Config): boolean {
    if (doc.uri.scheme !== 'untitled') {
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      if (folder && isExcluded(vscode.workspace.asRelativePath(doc.uri, false), config)) return false;
    }
    // A blog with a config file has said its Markdown files are posts; elsewhere the file has to look like one.
    return looksLikePost(post) || this.services.config.problemsFor(doc.uri).file !== undefined;
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) { clearTimeout(t); this.timers.delete(key); }
  }

  private clear(uri: vscode.Uri): void {
    const had = this.results.delete(uri.toString()) || this.collection.has(uri);
    this.collection.delete(uri);
    if (had) this.emitter.fire(uri);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.clear(uri);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subs) s.dispose();
  }
}

export function toVsDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const v = new vscode.Diagnostic(toRange(d.range), d.message, toSeverity(d.severity));
  v.source = SOURCE;
  v.code = d.code;
  return v;
}

const linters = new WeakMap<Services, Linter>();

/** The one Linter of these services, made on first use, so every feature sees the same results. */
export function linterOf(services: Services): Linter {
  let l = linters.get(services);
  if (!l) {
    l = new Linter(services);
    linters.set(services, l);
    services.context.subscriptions.push(l);
  }
  return l;
}

export function registerDiagnostics(services: Services): vscode.Disposable {
  return linterOf(services);
}
