// The preview webview's script: patches each update into the page (keeping open blocks and scroll), runs the toolbar, syncs scrolling.
import type { HostMessage, PatchStats, PreviewState, SavedState, WebviewMessage } from '../core/previewProtocol';

interface VsCodeApi { postMessage(message: WebviewMessage): void; getState(): SavedState | undefined; setState(state: SavedState): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('bp-root') as HTMLElement;
const body = document.body;
let version = -1;
let uri = '';
let sideBySide = false;
let scrolledTo: number | undefined;
let firstRender = true;
/** Each top-level node's markup as rendered, without line numbers: the patch's key. */
const keys = new WeakMap<Node, string>();
/** English blocks side-by-side mode opened (closed again when it ends). */
const openedByMode = new WeakSet<HTMLDetailsElement>();

function post(message: WebviewMessage): void { vscode.postMessage(message); }

// ---------------------------------------------------------------- patching

const LINE_ATTR = / data-line="\d+"/g;
function keyOf(n: Node): string {
  const k = keys.get(n);
  if (k !== undefined) return k;
  const key = n instanceof Element ? n.outerHTML.replace(LINE_ATTR, '') : `#${n.nodeType}:${n.nodeValue ?? ''}`;
  keys.set(n, key);
  return key;
}

/** Details elements of a subtree, itself included. */
function detailsIn(n: Node): HTMLDetailsElement[] {
  if (!(n instanceof Element)) return [];
  const all = Array.from(n.querySelectorAll('details'));
  return n instanceof HTMLDetailsElement ? [n, ...all] : all;
}

/** Line markers of a kept node follow the new render (text above it may have grown or shrunk). */
function syncLines(old: Node, next: Node): void {
  if (!(old instanceof Element) || !(next instanceof Element)) return;
  if (old.getAttribute('data-line') === next.getAttribute('data-line')) return;
  const a = [old, ...Array.from(old.querySelectorAll('[data-line]'))];
  const b = [next, ...Array.from(next.querySelectorAll('[data-line]'))];
  if (a.length !== b.length) return;
  for (let i = 0; i < a.length; i++) {
    const l = b[i].getAttribute('data-line');
    if (l !== null) a[i].setAttribute('data-line', l);
  }
}

/**
 * Replaces the page's top-level nodes with the new render's, keeping every node whose markup did not change (so an
 * English block the author opened stays open and the scroll position stays put). A changed node is replaced, and
 * the open state of its details carries over to the replacement's.
 */
function patch(html: string): PatchStats {
  const t0 = performance.now();
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const next = Array.from(tpl.content.childNodes);
  const old = Array.from(root.childNodes);
  const nextKeys = next.map(n => (n instanceof Element ? n.outerHTML.replace(LINE_ATTR, '') : `#${n.nodeType}:${n.nodeValue ?? ''}`));
  const oldKeys = old.map(keyOf);
  let start = 0;
  while (start < old.length && start < next.length && oldKeys[start] === nextKeys[start]) { syncLines(old[start], next[start]); start++; }
  let oldEnd = old.length, nextEnd = next.length;
  while (oldEnd > start && nextEnd > start && oldKeys[oldEnd - 1] === nextKeys[nextEnd - 1]) { oldEnd--; nextEnd--; syncLines(old[oldEnd], next[nextEnd]); }

  // The changed middle: reuse old nodes by key (in order), insert the rest.
  const pool = new Map<string, number[]>();
  for (let i = start; i < oldEnd; i++) { const q = pool.get(oldKeys[i]); if (q) q.push(i); else pool.set(oldKeys[i], [i]); }
  const match: (number | undefined)[] = [];
  const used = new Set<number>();
  for (let j = start; j < nextEnd; j++) { const i = pool.get(nextKeys[j])?.shift(); match[j] = i; if (i !== undefined) used.add(i); }
  const anchor = oldEnd < old.length ? old[oldEnd] : null;
  let kept = old.length - (oldEnd - start), inserted = 0;
  for (let j = start; j < nextEnd; j++) {
    const i = match[j];
    let node: Node;
    if (i !== undefined) {
      node = old[i]; kept++;
      syncLines(node, next[j]);
    } else {
      node = document.importNode(next[j], true);
      keys.set(node, nextKeys[j]);
      // The block that was at this place and is gone (edited): its open English blocks stay open in the new version.
      if (j < oldEnd && !used.has(j)) carryOpen(old[j], node);
      if (sideBySide) for (const d of detailsIn(node)) if (d.hasAttribute('data-english') && !d.open) { d.open = true; openedByMode.add(d); }
      inserted++;
    }
    root.insertBefore(node, anchor);
  }
  let removed = 0;
  for (let i = start; i < oldEnd; i++) if (!used.has(i)) { old[i].parentNode?.removeChild(old[i]); removed++; }
  indexLines();
  return { kept, inserted, removed, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

function carryOpen(from: Node, to: Node): void {
  const a = detailsIn(from), b = detailsIn(to);
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    if (a[k].open) b[k].open = true;
    if (openedByMode.has(a[k])) openedByMode.add(b[k]);
  }
}

// ---------------------------------------------------------------- state

function english(): HTMLDetailsElement[] { return Array.from(root.querySelectorAll<HTMLDetailsElement>('details[data-english]')); }

/** The line at the top, as of the last scroll (measuring it forces a layout of the whole page). */
let topLine = 0;
function measureTop(): number { topLine = lineAtTop(); return topLine; }

function state(fresh = true): PreviewState {
  const en = english();
  return {
    version, uri, englishBlocks: en.length, openEnglish: en.filter(d => d.open).length, details: root.querySelectorAll('details').length,
    sideBySide, topLine: Math.round((fresh ? measureTop() : topLine) * 100) / 100, scrolledTo, problems: root.querySelectorAll('[data-problem]').length,
  };
}

function save(): void {
  const openLines = english().filter(d => d.open && !openedByMode.has(d)).map(d => Number(d.getAttribute('data-line')));
  vscode.setState({ uri, topLine, sideBySide, openLines });
}

let stateTimer: number | undefined;
/** Reports state once per burst (toggling all blocks fires one event per block). */
function reportSoon(reason: string): void {
  if (stateTimer !== undefined) return;
  stateTimer = window.setTimeout(() => { stateTimer = undefined; updateToolbar(); const st = state(); save(); post({ type: 'state', state: st, reason }); }, 30);
}

// ---------------------------------------------------------------- toolbar

function button(action: string): HTMLButtonElement | null { return document.querySelector<HTMLButtonElement>(`.bp-toolbar [data-action="${action}"]`); }

function updateToolbar(): void {
  const en = english();
  const allOpen = en.length > 0 && en.every(d => d.open);
  const t = button('toggle-all');
  if (t) { t.textContent = allOpen ? '折叠全部原文' : '展开全部原文'; t.disabled = en.length === 0; }
  const s = button('side-by-side');
  if (s) s.setAttribute('aria-pressed', String(sideBySide));
  const status = document.querySelector('.bp-toolbar .bp-status');
  const n = root.querySelectorAll('[data-problem]').length;
  if (status) { status.textContent = n ? `⚠ ${n}` : ''; status.setAttribute('title', n ? 'Problems marked on the page: click to go to the next one' : ''); }
}

function setAllOpen(open: boolean): void {
  for (const d of english()) { d.open = open; openedByMode.delete(d); }
  reportSoon('toggle-all');
}

function setSideBySide(on: boolean): void {
  sideBySide = on;
  body.classList.toggle('bp-side-by-side', on);
  for (const d of english()) {
    if (on && !d.open) { d.open = true; openedByMode.add(d); } else if (!on && openedByMode.has(d)) { d.open = false; openedByMode.delete(d); }
  }
  indexLines();
  reportSoon('side-by-side');
}

document.addEventListener('click', e => {
  const target = e.target as Element | null;
  const action = target?.closest('[data-action]')?.getAttribute('data-action');
  if (action === 'toggle-all') { const en = english(); setAllOpen(!(en.length > 0 && en.every(d => d.open))); return; }
  if (action === 'side-by-side') { setSideBySide(!sideBySide); return; }
  if (target?.closest('.bp-status')) { nextProblem(); return; }
  if (!target || !root.contains(target) || target.closest('a, summary, button')) return;
  const line = lineOf(target);
  if (line !== undefined) post({ type: 'click', line, double: false });
});
document.addEventListener('dblclick', e => {
  const target = e.target as Element | null;
  if (!target || !root.contains(target) || target.closest('a, summary, button')) return;
  const line = lineOf(target);
  if (line !== undefined) post({ type: 'click', line, double: true });
});
// details' toggle event does not bubble: listen in the capture phase.
root.addEventListener('toggle', () => reportSoon('toggle'), true);

function lineOf(el: Element): number | undefined {
  const m = el.closest('[data-line]');
  const v = m ? Number(m.getAttribute('data-line')) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

function nextProblem(): void {
  const y = window.scrollY + 8;
  const all = Array.from(root.querySelectorAll<HTMLElement>('[data-problem]')).filter(visible);
  const el = all.find(e => absTop(e) > y + 1) ?? all[0];
  if (el) { quietUntil = 0; ownY = undefined; window.scrollTo(0, absTop(el) - 24); }
}

// ---------------------------------------------------------------- scroll sync

interface LineEl { line: number; el: HTMLElement }
let lineEls: LineEl[] = [];

function indexLines(): void {
  lineEls = Array.from(root.querySelectorAll<HTMLElement>('[data-line]'))
    .map(el => ({ line: Number(el.getAttribute('data-line')), el }))
    .filter(x => Number.isFinite(x.line));
}
function visible(el: Element): boolean { return el.getClientRects().length > 0; }
function absTop(el: Element): number { return el.getBoundingClientRect().top + window.scrollY; }

/** The visible elements just before/at and after a source line. */
function around(line: number): { prev?: LineEl; next?: LineEl } {
  let prev: LineEl | undefined, next: LineEl | undefined;
  for (const x of lineEls) {
    if (!visible(x.el)) continue;
    if (x.line <= line) { if (!prev || x.line >= prev.line) prev = x; } else if (!next || x.line < next.line) next = x;
  }
  return { prev, next };
}

/** Page offset where a source line is, interpolating between the blocks around it. */
function offsetOfLine(line: number): number {
  const { prev, next } = around(line);
  if (!prev) return 0;
  const top = absTop(prev.el);
  if (prev.line === line || !next) return top;
  return top + (absTop(next.el) - top) * ((line - prev.line) / (next.line - prev.line));
}

/** Source line at the top of the viewport, fractional between blocks. */
function lineAtTop(): number {
  const y = window.scrollY;
  let best: { line: number; top: number } | undefined, after: { line: number; top: number } | undefined;
  for (const x of lineEls) {
    if (!visible(x.el)) continue;
    const top = absTop(x.el);
    if (top <= y + 1) { if (!best || top > best.top || (top === best.top && x.line > best.line)) best = { line: x.line, top }; } else if (!after || top < after.top) after = { line: x.line, top };
  }
  if (!best) return after && y <= 0 ? 0 : after?.line ?? 0;
  if (!after || after.top === best.top || after.line <= best.line) return best.line;
  return best.line + (after.line - best.line) * ((y - best.top) / (after.top - best.top));
}

let quietUntil = 0;
/** Layout changes after a patch must not scroll the editor. */
function quiet(ms = 150): void { quietUntil = performance.now() + ms; }
/** Where this page last scrolled itself to: a scroll event that lands there is ours, not the reader's. */
let ownY: number | undefined;

function scrollOwn(y: number): void {
  const max = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
  const target = Math.max(0, Math.min(Math.round(y), max));
  if (Math.abs(window.scrollY - target) < 1) return;
  ownY = target;
  window.scrollTo(0, target);
}

function scrollToLine(line: number): void {
  scrolledTo = line;
  scrollOwn(offsetOfLine(line));
  reportSoon('scrollTo');
}

/** A scroll the reader made (not ours, not a layout shift): the editor follows. */
function readerScrolled(): boolean {
  if (ownY !== undefined && Math.abs(window.scrollY - ownY) < 2) return false;
  ownY = undefined;
  return performance.now() >= quietUntil;
}

let scrollFrame = 0;
window.addEventListener('scroll', () => {
  if (scrollFrame) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    if (!readerScrolled()) return;
    post({ type: 'revealLine', line: measureTop() });
    reportSoon('scroll');
  });
}, { passive: true });

// ---------------------------------------------------------------- messages

let pending: Extract<HostMessage, { type: 'render' }> | undefined;
/** The HTML of the last render message applied, and its id: the next one may be an edit of it. */
let html = '';
let htmlId = -1;

function flush(t0 = performance.now()): void {
  const m = pending;
  if (!m) return;
  pending = undefined;
  if (m.edit) {
    if (m.edit.base !== htmlId) { post({ type: 'resync' }); return; }
    html = html.slice(0, m.edit.start) + m.edit.text + html.slice(m.edit.end);
  } else html = m.html ?? '';
  htmlId = m.id;
  const sameDoc = m.uri === uri;
  if (!sameDoc && uri !== '') { root.textContent = ''; scrolledTo = undefined; }
  uri = m.uri;
  version = m.version;
  document.title = m.title;
  quiet();
  const stats = patch(html);
  if (firstRender) {
    firstRender = false;
    const saved = vscode.getState();
    if (saved && saved.uri === m.uri) {
      const open = new Set(saved.openLines ?? []);
      for (const d of english()) if (open.has(Number(d.getAttribute('data-line')))) d.open = true;
      if (saved.sideBySide) setSideBySide(true);
      if (saved.topLine !== undefined) scrollToLine(saved.topLine);
    }
  } else if (!sameDoc) scrollOwn(0);
  updateToolbar();
  save();
  // The acknowledgement does not measure the top line: that would force a layout of the whole page before the
  // browser gets to paint the update.
  post({ type: 'rendered', state: state(false), patch: { ...stats, totalMs: Math.round((performance.now() - t0) * 10) / 10 } });
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'render':
        // Applied at once: the host sends one update at a time and waits for the acknowledgement, so updates
        // cannot pile up here (and a frame callback would only add latency; frames may not come at all while hidden).
        pending = m;
        flush(performance.now());
        break;
      case 'scrollTo': flush(); scrollToLine(m.line); break;
      case 'setAllOpen': setAllOpen(m.open); break;
      case 'setSideBySide': setSideBySide(m.on); break;
      case 'getState': flush(); post({ type: 'state', state: state(), reason: 'get' }); break;
      case 'test.scrollPreview': {
        flush();
        // As a person scrolling: not marked as the page's own scroll, so the handler syncs the editor.
        quietUntil = 0;
        ownY = undefined;
        window.scrollTo(0, Math.max(0, Math.round(offsetOfLine(m.line))));
        break;
      }
      case 'test.click': {
        flush();
        let el: Element | null | undefined = lineEls.find(x => x.line === m.line && visible(x.el))?.el;
        if (el && m.summary) el = el.querySelector(':scope > summary');
        if (el instanceof HTMLElement) {
          if (m.double) el.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, detail: 2 }));
          else el.click();
        } else post({ type: 'error', message: `no visible block${m.summary ? ' summary' : ''} at line ${m.line}` });
        break;
      }
      case 'test.clickAction': flush(); button(m.action)?.click(); break;
      case 'test.probe': {
        flush();
        const els = Array.from(root.querySelectorAll(m.selector)).filter(e => m.text === undefined || (e.textContent ?? '').includes(m.text));
        const st = state();
        post({ type: 'state', reason: 'probe', state: { ...st, probe: { id: m.id, count: els.length, lines: els.map(e => Number(e.getAttribute('data-line') ?? NaN)), topLine: st.topLine } } });
        break;
      }
    }
  } catch (err) {
    post({ type: 'error', message: String(err instanceof Error ? err.stack ?? err.message : err) });
  }
});

post({ type: 'ready', saved: vscode.getState() });
