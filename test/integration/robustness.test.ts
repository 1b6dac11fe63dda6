// Broken inputs, hostile posts and racing edits in a real VS Code: clear diagnostics, a responsive host, nothing written unasked.
import * as assert from 'assert';
import * as http from 'http';
import Mocha from 'mocha';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { defaultConfig, lintPost, parseConfig, type Config, type Diagnostic } from '../../src/core';
import { activateExtension, closeAllEditors, diagnostics, fixtureUri, waitFor, workspaceFolder } from './helpers';

const SOURCE = 'bilingual-posts';
const CONFIG_SOURCE = 'bilingual-posts config';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const ours = (uri: vscode.Uri) => diagnostics(uri, SOURCE);
const brokenUri = (name: string) => vscode.Uri.joinPath(workspaceFolder(), 'broken', name);

async function write(uri: vscode.Uri, content: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  await vscode.workspace.fs.writeFile(uri, bytes);
  return bytes;
}
async function read(uri: vscode.Uri): Promise<Uint8Array> { return vscode.workspace.fs.readFile(uri); }
async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The blog's config as the extension reads it (its file over the defaults), for linting in the test. */
async function blogConfig(): Promise<Config> {
  try { return parseConfig(decoder.decode(await read(fixtureUri('.bilingual-posts.json')))).config; } catch { return defaultConfig(); }
}

/** A diagnostic as "code line:col-line:col", for comparing the editor's with the core's. */
const keyOf = (code: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
// entity-variant depends on the workspace index, which the test cannot see: left out of the comparisons.
const comparable = (keys: string[]) => keys.filter(k => !k.startsWith('entity-variant')).sort();
const coreKeys = (ds: Diagnostic[]) => comparable(ds.map(d => keyOf(d.code, d.range)));
const editorKeys = (ds: readonly vscode.Diagnostic[]) => comparable(ds.map(d => keyOf(String(d.code), d.range)));

/** Every range lies inside the document as it is. */
function inside(doc: vscode.TextDocument, ds: readonly vscode.Diagnostic[]): boolean {
  return ds.every(d => d.range.end.line < doc.lineCount && doc.validateRange(d.range).isEqual(d.range));
}

/** Waits until the editor shows exactly what the core finds in the document's current text. */
async function settled(doc: vscode.TextDocument, config: Config, timeout = 30000): Promise<vscode.Diagnostic[]> {
  let last: string[] = [], want: string[] = [], wantVersion = -1;
  try {
    await waitFor(() => {
      // Linting a 10 MB post takes seconds: once per version of the text, not once per poll.
      if (wantVersion !== doc.version) { wantVersion = doc.version; want = coreKeys(lintPost(doc.getText(), { config })); }
      last = editorKeys(ours(doc.uri));
      return JSON.stringify(last) === JSON.stringify(want);
    }, { timeout, interval: 200 });
  } catch {
    assert.fail(`the diagnostics never matched the text (v${doc.version}): editor ${last.slice(0, 6).join(', ')}…(${last.length}) vs core ${want.slice(0, 6).join(', ')}…(${want.length})`);
  }
  return ours(doc.uri);
}

/** Prints to the run's log (the in-host runner routes mocha's console there), with the seconds since `since`. */
function report(line: string, since?: number): void {
  (Mocha.reporters.Base as unknown as { consoleLog: (s: string) => void }).consoleLog(`      ${line}${since === undefined ? '' : ` (${((Date.now() - since) / 1000).toFixed(1)} s)`}`);
}

async function ping(): Promise<void> {
  assert.strictEqual(await vscode.commands.executeCommand('bilingual.ping'), 'pong');
}

/** A small PRNG, so a failing run of edits can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** Each suite's files go to a folder "broken" made for it and deleted after it; `got` receives the blog's config. */
function brokenFolderHooks(got: (config: Config) => void): void {
  before(async () => {
    await activateExtension();
    got(await blogConfig());
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder(), 'broken'));
  });
  afterEach(closeAllEditors);
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'broken'), { recursive: true, useTrash: false });
  });
}

describe('robustness: broken inputs in the editor', function () {
  this.timeout(120000);
  let config: Config;
  brokenFolderHooks(c => { config = c; });

  it('a binary file named .md: no crash, nothing written, the extension still answers', async () => {
    const uri = brokenUri('image.md');
    const bytes = new Uint8Array(4096);
    const r = rng(7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    await write(uri, bytes);
    let doc: vscode.TextDocument | undefined;
    try { doc = await vscode.workspace.openTextDocument(uri); } catch (e) {
      // VS Code itself may refuse to open it as text: that is a clear message too.
      assert.match(String(e), /binary|cannot|unable/i);
      report(`VS Code refused it: ${String(e).slice(0, 160)}`);
    }
    if (doc) {
      await vscode.window.showTextDocument(doc, { preview: false });
      // A control post opened after it is linted after it: once the control has its diagnostics, the binary had its turn.
      const control = await vscode.workspace.openTextDocument(fixtureUri('003-michael-burry.md'));
      await waitFor(() => ours(control.uri).length > 0, { timeout: 30000, message: 'the control post linted' });
      const ds = ours(uri);
      assert.ok(inside(doc, ds));
      assert.ok(ds.length <= 2, `at most a clear problem or two, not noise: ${ds.map(d => d.message).join(' | ')}`);
      report(`opened as text; diagnostics: ${ds.map(d => `${String(d.code)}: ${d.message.slice(0, 80)}`).join(' | ') || 'none'}`);
      assert.strictEqual(doc.isDirty, false);
    }
    await ping();
    assert.ok(sameBytes(await read(uri), bytes));
  });

  const small: [string, string, (ds: vscode.Diagnostic[]) => void][] = [
    ['a post with no front matter', '中文段落。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">English.</p>\n</details>\n',
      ds => assert.match(ds.find(d => d.code === 'frontmatter-required')?.message ?? '', /no front matter/)],
    ['a post that is only front matter', "---\ntitle: 只有前言\ndate: '2025-01-01'\nlayout: post.njk\n---\n", ds => assert.deepStrictEqual(ds.map(d => d.code), [])],
    ['a post that is only an unclosed front matter', '---\ntitle: 只有前言', ds => assert.ok(ds.some(d => d.code === 'frontmatter-yaml' && /no closing/.test(d.message)))],
    ['an empty file', '', ds => assert.match(ds.map(d => d.message).join(' | '), /no front matter/)],
    ['mixed line endings (LF, CRLF and a lone CR)', "---\r\ntitle: 混合\ndate: '2025-01-01'\r\nlayout: post.njk\n---\n\n中文段落。\r\n\r\n<details>\r\n<summary>View/Hide Original English</p>\n<p class=\"english-text\">English.</p>\r</details>\n\n第二段。\n",
      ds => assert.ok(ds.length > 0)],
  ];
  for (const [name, content, check] of small) {
    it(`${name}: sane diagnostics that match the text, nothing written`, async () => {
      const uri = brokenUri(`${name.replace(/\W+/g, '-')}.md`);
      const bytes = await write(uri, content);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false });
      const ds = await settled(doc, config);
      assert.ok(inside(doc, ds));
      check(ds);
      if (doc.getText() !== content) report(`the editor's text differs from the file's bytes (line endings normalised: ${doc.eol === vscode.EndOfLine.CRLF ? 'CRLF' : 'LF'})`);
      await ping();
      assert.strictEqual(doc.isDirty, false, 'opening and linting never dirties the document');
      assert.ok(sameBytes(await read(uri), bytes), 'the file on disk is untouched');
    });
  }

  it('a post deleted while open: its diagnostics stay sane, nothing recreates it, closing clears them', async () => {
    const uri = brokenUri('deleted.md');
    await write(uri, decoder.decode(await read(fixtureUri('003-michael-burry.md'))));
    // Opened as the author opens it (not through openTextDocument, whose reference keeps a document alive after its tab closes).
    await vscode.commands.executeCommand('vscode.open', uri);
    const doc = await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor.document : undefined);
    await waitFor(() => ours(uri).length === 3, { message: 'the three malformed blocks' });
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await ping();
    assert.ok(inside(doc, ours(uri)));
    await closeAllEditors();
    await waitFor(() => ours(uri).length === 0, { timeout: 30000, message: 'the diagnostics of the closed, deleted post to go' });
    assert.strictEqual(await exists(uri), false, 'nothing wrote the deleted post back');
  });

  it('a post renamed while open: the diagnostics move to the new name, none stay on the old one', async () => {
    const from = brokenUri('before rename.md'), to = brokenUri('after: rename.md');
    const bytes = await write(from, decoder.decode(await read(fixtureUri('003-michael-burry.md'))));
    const doc = await vscode.workspace.openTextDocument(from);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor(() => ours(from).length === 3, { message: 'the three malformed blocks' });
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(from, to);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(to).length === 3 && ours(from).length === 0, { timeout: 30000, message: 'diagnostics on the new name only' });
    assert.strictEqual(await exists(from), false);
    assert.ok(sameBytes(await read(to), bytes), 'the renamed file holds the same bytes');
  });

  it('a broken config file: a clear problem on it, posts still checked with the defaults, gone once fixed', async () => {
    const cfg = fixtureUri('.bilingual-posts.json');
    const original = await read(cfg);
    const post = await vscode.workspace.openTextDocument(fixtureUri('003-michael-burry.md'));
    await vscode.window.showTextDocument(post, { preview: false });
    try {
      await write(cfg, '{ "severity": { "malformed-block": "warning" ');
      const [broken] = await waitFor(() => { const d = diagnostics(cfg, CONFIG_SOURCE); return d.length ? d : undefined; }, { timeout: 20000, message: 'a problem on the config file' });
      assert.strictEqual(broken.severity, vscode.DiagnosticSeverity.Error);
      assert.match(broken.message, /not valid JSON.*defaults/);
      // The posts are still checked, with the default severities (the broken file's "warning" is not applied).
      await waitFor(() => ours(post.uri).filter(d => d.code === 'malformed-block' && d.severity === vscode.DiagnosticSeverity.Error).length === 3, { message: 'posts linted with the defaults' });
      await ping();

      // A readable file with one bad setting and one unknown key: a warning on each, at its key.
      const text = '{\n  "severity": { "malformed-block": "loud" },\n  "nonsense": true\n}\n';
      await write(cfg, text);
      const both = await waitFor(() => { const d = diagnostics(cfg, CONFIG_SOURCE); return d.length === 2 && d.every(x => x.severity === vscode.DiagnosticSeverity.Warning) ? d : undefined; },
        { timeout: 20000, message: 'two warnings on the config file' });
      const lines = text.split('\n');
      const quoted = (d: vscode.Diagnostic) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
      assert.deepStrictEqual(both.map(quoted).sort(), ['"malformed-block"', '"nonsense"']);
    } finally {
      await write(cfg, original);
    }
    await waitFor(() => diagnostics(cfg, CONFIG_SOURCE).length === 0, { timeout: 20000, message: 'the config problems to go once it is fixed' });
    assert.ok(sameBytes(await read(cfg), original));
  });
});

describe('robustness: edits while the linter runs', function () {
  this.timeout(120000);
  let config: Config;
  brokenFolderHooks(c => { config = c; });

  it('every set of diagnostics shown belongs to a version of the text that existed, and the last one to the current text', async () => {
    const uri = brokenUri('typing.md');
    await write(uri, decoder.decode(await read(fixtureUri('003-michael-burry.md'))));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const texts = new Map<number, string>([[doc.version, doc.getText()]]);
    const shown: { version: number; keys: string[]; inside: boolean }[] = [];
    const subs = [
      vscode.workspace.onDidChangeTextDocument(e => { if (e.document === doc) texts.set(doc.version, doc.getText()); }),
      vscode.languages.onDidChangeDiagnostics(e => {
        if (!e.uris.some(u => u.toString() === uri.toString())) return;
        const ds = ours(uri);
        shown.push({ version: doc.version, keys: editorKeys(ds), inside: inside(doc, ds) });
      }),
    ];
    try {
      await waitFor(() => ours(uri).length === 3, { message: 'the first diagnostics' });
      const r = rng(20261122);
      // Forty edits as fast as the editor takes them: lines inserted and deleted, summaries broken, blocks unclosed.
      for (let i = 0; i < 40; i++) {
        const line = Math.floor(r() * (doc.lineCount - 1));
        const kind = Math.floor(r() * 4);
        await editor.edit(b => {
          if (kind === 0) b.insert(new vscode.Position(line, 0), `新的一段 ${i}。\n\n`);
          else if (kind === 1) b.delete(doc.lineAt(line).rangeIncludingLineBreak);
          else {
            const at = doc.getText().indexOf(kind === 2 ? '</summary>' : '</details>', doc.offsetAt(new vscode.Position(line, 0)));
            if (at >= 0) b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + (kind === 2 ? 10 : 10))), kind === 2 ? '</p>' : '');
          }
        }, { undoStopBefore: false, undoStopAfter: false });
        // Now and then the typist pauses, long enough for a lint to start (or finish) between two edits.
        if (r() < 0.3) await new Promise(resolve => setTimeout(resolve, Math.floor(r() * 600)));
      }
      await settled(doc, config);
    } finally { for (const s of subs) s.dispose(); }
    assert.ok(shown.length > 1, `${shown.length} sets of diagnostics seen`);
    // Each set shown matches a lint of one real version of the text (the linter never mixes versions or shows leftovers).
    const linted = new Map<number, string>();
    const lintOf = (v: number) => { if (!linted.has(v)) linted.set(v, JSON.stringify(coreKeys(lintPost(texts.get(v)!, { config })))); return linted.get(v)!; };
    for (const s of shown) {
      const candidates = [...texts.keys()].filter(v => v <= s.version);
      assert.ok(candidates.some(v => lintOf(v) === JSON.stringify(s.keys)), `a set of ${s.keys.length} diagnostics seen at v${s.version} matches no version of the text`);
    }
  });

  it('quick fixes carry no edit until picked; one asked for while the text moves is cancelled or made for the moved text, never applied at the old offsets', async () => {
    const uri = brokenUri('moving.md');
    await write(uri, decoder.decode(await read(fixtureUri('003-michael-burry.md'))));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const t0 = Date.now();
    const first = await waitFor(() => { const d = ours(uri).filter(x => x.code === 'malformed-block'); return d.length === 3 ? d : undefined; }, { message: 'the malformed blocks' });
    report('diagnostics', t0);
    const target = first[0];
    const line = doc.lineAt(target.range.start.line).text;
    // Unresolved, the quick fixes carry no edit: it is computed when one is picked, from the text as it is then.
    // (The workbench gets the diagnostics a moment after they are published, and cancels a request when the document
    // changes meanwhile: asked until answered.)
    const isQuick = (a: vscode.CodeAction) => a.kind?.value === 'quickfix' && !/^Fix all/.test(a.title);
    const unresolved = await waitFor(async () => {
      const a = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
      return a.some(isQuick) ? a : undefined;
    }, { message: 'the quick fixes' });
    const quick = unresolved.filter(isQuick);
    report(`${unresolved.length} actions, unresolved`, t0);
    assert.ok(quick.length > 0, 'a quick fix is offered');
    assert.ok(quick.every(a => a.edit === undefined), 'no quick fix carries an edit computed ahead of time');
    // Ask for the resolved fixes and move the text at the same moment. VS Code cancels a request whose text changed
    // under it; if it does not, whichever version the fix was resolved against, applying it must fix that block only.
    const asked = vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value, 100)
      .then(a => a, (e: unknown) => { assert.match(String(e), /Canceled/); return undefined; });
    const moved = editor.edit(b => b.insert(new vscode.Position(0, 0), '\n\n\n'));
    let [actions] = await Promise.all([asked, moved]);
    report(actions ? `${actions.length} actions, resolved while the text moved` : 'the request was cancelled by the move', t0);
    if (!actions) {
      // Asked again, now that the text has moved: the fix is made for the text as it is.
      const range = new vscode.Range(target.range.start.translate(3), target.range.end.translate(3));
      actions = await waitFor(async () => {
        const a = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 100);
        return a.some(x => x.title === quick[0].title) ? a : undefined;
      }, { message: 'the quick fix asked for again' });
    }
    const fix = actions.find(a => a.title === quick[0].title);
    const before = doc.getText();
    if (fix?.edit) {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const after = doc.getText();
      // The fix changed the block's own lines only: everything above and far below is as it was.
      const changedAt = [...before].findIndex((c, i) => c !== after[i]);
      const blockLine = doc.positionAt(changedAt).line;
      assert.ok(Math.abs(blockLine - (target.range.start.line + 3)) <= 3, `the fix landed on line ${blockLine}, the block is at ${target.range.start.line + 3} (${line})`);
      await settled(doc, config);
      assert.strictEqual(ours(uri).filter(x => x.code === 'malformed-block').length, 2, 'that block is fixed, the other two remain');
    } else {
      // Resolved after the move, and the problem could not be found again: nothing is applied.
      assert.strictEqual(doc.getText(), before);
    }
  });
});

describe('robustness: hostile posts in the real preview', function () {
  this.timeout(120000);
  let server: http.Server;
  const hits: string[] = [];
  let base = '';

  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder(), 'broken'));
    // A local server that counts every request: any that arrives is a request the preview let out.
    server = http.createServer((req, res) => { hits.push(req.url ?? ''); res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('x'); });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await closeAllEditors();
    server.close();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'broken'), { recursive: true, useTrash: false });
  });

  it('the harness sees a request a webview makes when nothing stops it', async () => {
    const panel = vscode.window.createWebviewPanel('bilingualRobustnessControl', 'control', vscode.ViewColumn.Beside, { enableScripts: false });
    try {
      panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${base}"></head><body><img src="${base}/control.png"></body></html>`;
      await waitFor(() => hits.includes('/control.png'), { timeout: 20000, message: 'the control request' });
    } finally { panel.dispose(); }
  });

  it('payloads in the front matter, summary, body and English blocks run nothing and send no request', async () => {
    const u = (what: string) => `${base}/${what}`;
    const js = (what: string) => `fetch('${u(what)}')`;
    const text = [
      '---',
      `title: '<img src="${u('title')}" onerror="${js('title-onerror')}">标题'`,
      `summary: '<script>${js('summary')}</script><svg onload="${js('summary-svg')}">'`,
      `source: 'javascript:${js('source')}'`,
      `speaker: '"><iframe src="${u('speaker')}"></iframe>'`,
      'date: \'2025-01-01\'',
      'layout: post.njk',
      'tags:',
      `- '<img src=${u('tag')}>'`,
      '---',
      '',
      `中文段落，<img src="${u('body-img')}" onerror="${js('body-onerror')}">。`,
      '',
      '<details>',
      '<summary>View/Hide Original English</summary>',
      `<p class="english-text">English <img src="${u('en-img')}"> <a href="javascript:${js('en-link')}">link</a><script>${js('en-script')}</script></p>`,
      '</details>',
      '',
      `<details open ontoggle="${js('ontoggle')}"><summary>x</summary>y</details>`,
      '',
      `<link rel="stylesheet" href="${u('css')}"><style>@import url(${u('import')}); body { background: url(${u('bg')}) }</style>`,
      `<div style="background-image: url(${u('style-attr')})">样式</div>`,
      `<meta http-equiv="refresh" content="0; url=${u('refresh')}">`,
      `<object data="${u('object')}"></object><embed src="${u('embed')}"><video poster="${u('poster')}" src="${u('video')}"></video>`,
      `<form action="${u('form')}"><button formaction="${u('formaction')}">go</button></form>`,
      `![图](${u('md-image')})`,
      '',
      '最后一段。',
      '',
      '<details>',
      '<summary>View/Hide Original English</summary>',
      '<p class="english-text">The last paragraph.</p>',
      '</details>',
      '',
    ].join('\n');
    const uri = brokenUri('hostile.md');
    await write(uri, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('bilingual.openPreviewToSide');
    type Info = { state?: { uri: string; version: number }; probe?: { id: number; count: number } };
    const hook = (send?: unknown) => vscode.commands.executeCommand<Info | undefined>('bilingual.preview.testHook', send ? { send } : undefined);
    await waitFor(async () => { const s = (await hook())?.state; return s && s.uri === uri.toString() && s.version === doc.version; }, { timeout: 30000, message: 'the preview to render the hostile post' });
    let id = 1000;
    const probe = async (selector: string, textIn?: string) => {
      const mine = ++id;
      await hook({ type: 'test.probe', id: mine, selector, text: textIn });
      return (await waitFor(async () => { const p = (await hook())?.probe; return p?.id === mine ? p : undefined; }, { message: `probe ${selector}` })).count;
    };
    // The page shows the post (so the payloads reached the renderer) ...
    assert.ok(await probe('*', '最后一段') > 0, 'the post is rendered');
    // ... and none of it survives as something that can run or load.
    for (const selector of ['script', 'iframe', 'object', 'embed', 'link', 'meta', 'style', 'form', 'video', 'svg', 'base',
      '[onerror]', '[onload]', '[ontoggle]', '[style*="url("]', 'a[href^="javascript:" i]', `img[src^="${base}"]`, `[src^="${base}"]`]) {
      assert.strictEqual(await probe(selector), 0, `${selector} in the rendered post`);
    }
    // Open every block (a toggle handler would fire now) and give the page two more round trips to misbehave.
    await hook({ type: 'setAllOpen', open: true });
    await probe('details[open]');
    await probe('details[open]');
    assert.deepStrictEqual(hits.filter(h => h !== '/control.png'), [], 'requests that left the preview');
  });
});

describe('robustness: a 10 MB post', function () {
  let config: Config;

  before(async () => {
    await activateExtension();
    config = await blogConfig();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceFolder(), 'broken'));
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'broken'), { recursive: true, useTrash: false });
  });

  it('a 10 MB post: diagnostics come, the host keeps answering while it is edited, nothing is written', async function () {
    this.timeout(300000);
    const real = decoder.decode(await read(fixtureUri('003-michael-burry.md')));
    const body = real.slice(real.indexOf('\n---\n') + 5);
    const copies = Math.ceil(10 * 1024 * 1024 / encoder.encode(body).length);
    const text = real + ('\n' + body).repeat(copies);
    const uri = brokenUri('big.md');
    const t0 = Date.now();
    const bytes = await write(uri, text);
    report(`wrote ${(bytes.length / 1048576).toFixed(1)} MB`, t0);
    // Through the API: the workbench's own open asks "open anyway?" for files of 10 MB and more (editorLargeFileConfirmation).
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    report('opened and shown', t0);
    assert.strictEqual(doc.isDirty, false);
    assert.strictEqual(doc.getText().length, text.length);
    const first = await waitFor(() => { const d = ours(uri); return d.length ? d : undefined; }, { timeout: 120000, message: 'diagnostics on the 10 MB post' });
    report(`${first.length} diagnostics`, t0);
    assert.ok(inside(doc, first));
    assert.strictEqual(first.filter(d => d.code === 'malformed-block').length % 3, 0, 'three malformed blocks per copy of the post');
    // Type at the end while the linter has a 10 MB post to go through: every command still comes back.
    const took: string[] = [];
    for (let i = 0; i < 10; i++) {
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const a = Date.now();
      assert.ok(await editor.edit(b => b.insert(end, `\n\n第${i}段新写的中文。`)));
      const b = Date.now();
      await ping();
      await vscode.workspace.fs.stat(uri); // a round trip through the server as well
      took.push(`${b - a}+${Date.now() - b}`);
    }
    report(`ten edits, each followed by command and file-system round trips; ms per edit+round trips: ${took.join(' ')}`, t0);
    // Once the author pauses, the big post is checked again: the new paragraphs lack their English.
    await settled(doc, config, 180000);
    report('diagnostics match the edited text', t0);
    assert.ok(ours(uri).filter(d => d.code === 'missing-translation').length >= 10);
    assert.ok(sameBytes(await read(uri), bytes), 'the file on disk is untouched until the author saves');
    await closeAllEditors();
  });

});
