// The preview panel: shows the active post as the site renders it, live, with scroll sync both ways; restored after a window reload.
import * as vscode from 'vscode';
import { lintPost, looksLikePost, type Diagnostic } from '../core';
import { PREVIEW_VIEW_TYPE, type HostMessage, type PatchStats, type PreviewState, type SavedState, type WebviewMessage } from '../core/previewProtocol';
import type * as Renderer from '../core/render';
import { SECTION } from './blogConfig';
import { isMarkdown, type Services } from './services';

// The renderer (markdown-it + the sanitizer) is a separate bundle loaded on first use: activation never pays for it.
let renderer: Promise<typeof Renderer> | undefined;
function loadRenderer(): Promise<typeof Renderer> {
  return (renderer ??= import('../core/render'));
}

interface Settings { allowRemoteImages: boolean; scrollSync: boolean; showProblems: boolean }
function settings(uri?: vscode.Uri): Settings {
  const s = vscode.workspace.getConfiguration(`${SECTION}.preview`, uri);
  return { allowRemoteImages: s.get('allowRemoteImages', false), scrollSync: s.get('scrollSync', true), showProblems: s.get('showProblems', true) };
}

/** What the test hook returns: the webview's latest report plus the host's view of the updates. */
export interface PreviewTestInfo {
  ready: boolean;
  uri?: string;
  /** The last state the webview sent (after a render, a toggle, a scroll...), and why it sent it. */
  state?: PreviewState;
  reason?: string;
  lastPatch?: PatchStats;
  /** ms from a document change to the webview's acknowledgement of the render that includes it. */
  latencies: number[];
  /** ms the host spent rendering, per update. */
  renderTimes: number[];
  /** ms from posting an update to the webview's acknowledgement (transfer + patch), per update. */
  ackTimes: number[];
  renders: number;
  errors: string[];
  /** The webview's answer to the last test.probe. */
  probe?: PreviewState['probe'];
  /** The last scroll-sync events, newest last (e.g. "editor->preview 120", "preview->editor 88.5"). */
  sync: string[];
}

class Preview implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private doc: vscode.TextDocument | undefined;
  private ready = false;
  /** The version the webview shows, the one on its way, and whether a newer one waits. */
  private shownVersion = -1;
  private inFlight: { version: number; since: number } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change not yet on screen happened, by document version. */
  private changedAt: { version: number; at: number } | undefined;
  private lastRenderMs = 0;
  /** The last HTML posted to the webview: the next update is sent as the change from it. */
  private sent: { id: number; html: string; uri: string } | undefined;
  private renderId = 0;
  private lastRenderStart = 0;
  private quietUntil = 0;
  private lastPreviewLine = -1;
  private scrollAfterRender: number | undefined;
  private readonly test: PreviewTestInfo = { ready: false, latencies: [], renderTimes: [], ackTimes: [], renders: 0, errors: [], sync: [] };
  private disposed = false;
  private htmlKey = '';

  constructor(readonly panel: vscode.WebviewPanel, private readonly services: Services, doc: vscode.TextDocument | undefined, private readonly onDispose: () => void) {
    this.doc = doc;
    const ext = services.context.extensionUri;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(ext, 'media'), vscode.Uri.joinPath(ext, 'dist', 'webview')] };
    this.subs.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m)),
      panel.onDidChangeViewState(() => { if (panel.visible && this.ready) this.schedule(0); }),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document !== this.doc || !e.contentChanges.length) return;
        if (!this.changedAt) this.changedAt = { version: e.document.version, at: Date.now() };
        this.schedule(this.delay());
      }),
      vscode.window.onDidChangeActiveTextEditor(e => { if (e && isMarkdown(e.document) && e.document !== this.doc) this.show(e.document); }),
      vscode.window.onDidChangeTextEditorVisibleRanges(e => this.onEditorScroll(e.textEditor)),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(`${SECTION}.preview`)) void this.setHtml(); }),
      services.config.onDidChange(() => this.schedule(0)),
    );
    void this.setHtml();
  }

  get document(): vscode.TextDocument | undefined { return this.doc; }

  /** Shows another document: the panel follows the active Markdown editor. */
  show(doc: vscode.TextDocument): void {
    if (doc === this.doc) { this.schedule(0); return; }
    this.doc = doc;
    this.shownVersion = -1;
    this.changedAt = undefined;
    this.scrollAfterRender = vscode.window.visibleTextEditors.find(e => e.document === doc)?.visibleRanges[0]?.start.line;
    this.schedule(0);
  }

  /**
   * Renders without a fixed debounce: the first change renders on the next tick and changes that arrive while the
   * webview is still applying an update wait for its acknowledgement. While typing goes on, renders are spaced so
   * that rendering takes at most a third of the time (a pause of twice the last render's cost): typing in a huge
   * post never keeps the extension host busy, and a keystroke after a pause renders at once.
   */
  private delay(): number { return Math.max(0, Math.min(this.lastRenderStart + 3 * this.lastRenderMs, Date.now() + 1000) - Date.now()); }

  private schedule(ms: number): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = setTimeout(() => { this.timer = undefined; void this.update(); }, ms);
  }

  private async setHtml(): Promise<void> {
    const r = await loadRenderer();
    if (this.disposed) return;
    const s = settings(this.doc?.uri);
    const key = JSON.stringify(s);
    if (key === this.htmlKey) { this.schedule(0); return; }
    this.htmlKey = key;
    this.ready = false;
    this.test.ready = false;
    this.shownVersion = -1;
    this.inFlight = undefined;
    const webview = this.panel.webview;
    const nonce = makeNonce();
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.services.context.extensionUri, f)).toString();
    // A post is untrusted input: no inline script, only ours by nonce; images only when the setting allows them.
    const csp = [
      `default-src 'none'`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      ...(s.allowRemoteImages ? [`img-src ${webview.cspSource} https: data:`] : []),
      `base-uri 'none'`,
      `form-action 'none'`,
    ].join('; ');
    webview.html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${media('media/preview.css')}">
<title>Preview</title>
</head>
<body class="bp-webview">
${r.toolbarHtml()}
<main id="bp-root" class="bp-root"></main>
<script nonce="${nonce}" src="${media('dist/webview/preview.js')}"></script>
</body>
</html>`;
  }

  private async update(): Promise<void> {
    const doc = this.doc;
    if (!doc || !this.ready || this.disposed) return;
    if (doc.isClosed) return;
    if (doc.version === this.shownVersion && !this.changedAt) return;
    // One update at a time: the next waits for the webview to say it applied this one (or a second at most).
    const waited = this.inFlight ? Date.now() - this.inFlight.since : Infinity;
    if (waited < 1000) { this.schedule(1000 - waited); return; }
    const r = await loadRenderer();
    if (this.disposed || doc !== this.doc) return;
    const t0 = Date.now();
    this.lastRenderStart = t0;
    const post = this.services.posts.get(doc);
    const s = settings(doc.uri);
    let diagnostics: Diagnostic[] = [];
    if (s.showProblems && looksLikePost(post)) {
      diagnostics = lintPost(post, { config: this.services.config.forUri(doc.uri), entities: this.services.index.index, file: doc.uri.toString() });
    }
    const result = r.renderPost(post, { diagnostics, remoteImages: s.allowRemoteImages });
    this.lastRenderMs = Date.now() - t0;
    push(this.test.renderTimes, this.lastRenderMs);
    const title = `Preview ${basename(doc.uri)}`;
    this.panel.title = title;
    this.inFlight = { version: doc.version, since: Date.now() };
    const uri = doc.uri.toString();
    const id = ++this.renderId;
    const prev = this.sent;
    this.sent = { id, html: result.html, uri };
    if (prev && prev.uri === uri) this.post({ type: 'render', id, version: doc.version, uri, title, edit: { base: prev.id, ...diff(prev.html, result.html) } });
    else this.post({ type: 'render', id, version: doc.version, uri, title, html: result.html });
    this.test.renders++;
  }

  private onMessage(m: WebviewMessage): void {
    switch (m.type) {
      case 'resync':
        this.sent = undefined;
        this.shownVersion = -1;
        this.inFlight = undefined;
        this.schedule(0);
        break;
      case 'ready':
        this.sent = undefined;
        this.ready = true;
        this.test.ready = true;
        this.shownVersion = -1;
        this.inFlight = undefined;
        void this.update();
        break;
      case 'rendered': {
        this.record(m.state, 'rendered');
        this.test.lastPatch = m.patch;
        this.shownVersion = m.state.version;
        if (this.inFlight && this.inFlight.version <= m.state.version) { push(this.test.ackTimes, Date.now() - this.inFlight.since); this.inFlight = undefined; }
        if (this.changedAt && this.changedAt.version <= m.state.version) {
          push(this.test.latencies, Date.now() - this.changedAt.at);
          this.changedAt = undefined;
        }
        if (this.scrollAfterRender !== undefined) { const l = this.scrollAfterRender; this.scrollAfterRender = undefined; this.post({ type: 'scrollTo', line: l }); }
        // Changes that came in meanwhile go out now.
        if (this.doc && this.doc.version !== this.shownVersion) this.schedule(this.delay());
        break;
      }
      case 'state': this.record(m.state, m.reason); break;
      case 'revealLine': this.revealFromPreview(m.line); break;
      case 'click': void this.revealClick(m.line, m.double); break;
      case 'error': push(this.test.errors, m.message, 20); break;
    }
  }

  private record(state: PreviewState, reason: string): void {
    if (state.probe) this.test.probe = state.probe;
    this.test.state = state;
    this.test.reason = reason;
    this.test.uri = state.uri;
  }

  private editorFor(doc: vscode.TextDocument): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active?.document === doc) return active;
    return vscode.window.visibleTextEditors.find(e => e.document === doc);
  }

  private onEditorScroll(editor: vscode.TextEditor): void {
    if (editor.document !== this.doc || !this.ready || !settings(editor.document.uri).scrollSync) return;
    if (Date.now() < this.quietUntil) return;
    const line = editor.visibleRanges[0]?.start.line;
    if (line === undefined || Math.abs(line - this.lastPreviewLine) < 1) return;
    push(this.test.sync, `editor->preview ${line}`, 20);
    this.post({ type: 'scrollTo', line });
  }

  private revealFromPreview(line: number): void {
    const doc = this.doc;
    if (!doc || !settings(doc.uri).scrollSync) return;
    const editor = this.editorFor(doc);
    push(this.test.sync, `preview->editor ${line}${editor ? '' : ' (no editor)'}`, 20);
    if (!editor) return;
    // The page reports a fraction between blocks; a hair below a line (pixel rounding) means that line.
    const l = Math.max(0, Math.min(doc.lineCount - 1, Math.floor(line + 0.1)));
    this.lastPreviewLine = l;
    // The editor's scroll event that follows must not scroll the preview back.
    this.quietUntil = Date.now() + 300;
    editor.revealRange(new vscode.Range(l, 0, l, 0), vscode.TextEditorRevealType.AtTop);
  }

  private async revealClick(line: number, focus: boolean): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const l = Math.max(0, Math.min(doc.lineCount - 1, Math.floor(line)));
    let editor = this.editorFor(doc);
    if (!editor || focus) {
      const column = editor?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
      editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: !focus, preview: false });
    }
    const pos = new vscode.Position(l, 0);
    editor.selection = new vscode.Selection(pos, pos);
    this.quietUntil = Date.now() + 300;
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  post(m: HostMessage): void { void this.panel.webview.postMessage(m); }

  testInfo(): PreviewTestInfo { return { ...this.test, latencies: [...this.test.latencies], renderTimes: [...this.test.renderTimes], ackTimes: [...this.test.ackTimes], errors: [...this.test.errors], sync: [...this.test.sync] }; }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.subs) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** The smallest single replacement that turns a into b (common prefix and suffix kept). */
export function diff(a: string, b: string): { start: number; end: number; text: string } {
  const n = Math.min(a.length, b.length);
  let start = 0;
  while (start < n && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < n - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { start, end: a.length - tail, text: b.slice(start, b.length - tail) };
}

function push<T>(list: T[], v: T, max = 200): void { list.push(v); if (list.length > max) list.shift(); }

function basename(uri: vscode.Uri): string { return uri.path.slice(uri.path.lastIndexOf('/') + 1); }

function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function registerPreview(services: Services): vscode.Disposable {
  let current: Preview | undefined;
  const open = (panel: vscode.WebviewPanel, doc: vscode.TextDocument | undefined): Preview => {
    const p: Preview = new Preview(panel, services, doc, () => { if (current === p) current = undefined; });
    current = p;
    return p;
  };
  const activeMarkdown = (): vscode.TextDocument | undefined => {
    const d = vscode.window.activeTextEditor?.document;
    return d && isMarkdown(d) ? d : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('bilingual.openPreviewToSide', async (uri?: vscode.Uri) => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : activeMarkdown();
      if (!doc) { void vscode.window.showInformationMessage('Open a Markdown post to preview it.'); return; }
      if (current) {
        current.panel.reveal(undefined, true);
        current.show(doc);
        return;
      }
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, `Preview ${basename(doc.uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
      open(panel, doc);
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: SavedState | undefined): Promise<void> {
        let doc: vscode.TextDocument | undefined;
        if (state?.uri) { try { doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)); } catch { doc = undefined; } }
        current?.dispose();
        open(panel, doc ?? activeMarkdown());
      },
    }),
    // For the integration tests (hidden from the palette): the webview's latest state; optionally send it a message first.
    vscode.commands.registerCommand('bilingual.preview.testHook', (arg?: { send?: HostMessage }): PreviewTestInfo | undefined => {
      if (!current) return undefined;
      if (arg?.send) current.post(arg.send);
      return current.testInfo();
    }),
    { dispose: () => current?.dispose() },
  );
}
