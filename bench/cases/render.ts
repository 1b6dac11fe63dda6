// Preview render beside markdown-it's bare render, and the webview's DOM patch after a one-word edit in headless Chromium.
import * as fs from 'fs';
import MarkdownIt from 'markdown-it';
import { createRequire } from 'module';
import * as path from 'path';
import * as renderSource from '../../src/core/render';
import { defaultConfig, lintPost, parsePost } from '../../src/core';
import { note, verdict, type Ctx } from '../context';
import { largest } from '../inputs';
import { interleaved, ratios, spread, summarize, times, ms } from '../stats';
import { corpusIndex } from './lint';

type RenderPost = typeof renderSource.renderPost;

/** The shipped renderer (dist/render.js, loaded lazily by the extension) when built, else the source bundled here. */
interface Renderer { renderPost: RenderPost; sanitize?: (html: string) => string; toolbarHtml?: () => string; from: string }

function renderer(root: string): Renderer | undefined {
  const dist = path.join(root, 'dist', 'render.js');
  if (fs.existsSync(dist)) {
    const m = createRequire(__filename)(dist) as Partial<typeof renderSource>;
    if (m.renderPost) return { renderPost: m.renderPost, sanitize: m.sanitize, toolbarHtml: m.toolbarHtml, from: 'dist/render.js' };
  }
  const s = renderSource as Partial<typeof renderSource>;
  return s.renderPost ? { renderPost: s.renderPost, sanitize: s.sanitize, toolbarHtml: s.toolbarHtml, from: 'src/core/render.ts (bundled here)' } : undefined;
}

/** A Chinese paragraph near the middle of the post, and two one-word edits of it. */
function oneWordEdits(text: string): [string, string] {
  const mid = text.indexOf('\n\n', text.length >> 1) + 2;
  let at = mid;
  for (;;) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end);
    if (/^[\u4e00-\u9fff]/.test(line) && line.length > 40) break;
    at = end + 1;
  }
  const word = at + 10;
  return [text.slice(0, word) + '甲乙' + text.slice(word + 2), text.slice(0, word) + '丙丁' + text.slice(word + 2)];
}

/** The webview API the script expects; messages it posts are kept, and a waiter (set per update) is told. */
const VSCODE_API_STUB = `window.__msgs = []; window.acquireVsCodeApi = () => ({
  postMessage: m => { window.__msgs.push(m); if (window.__wait) window.__wait(m); }, getState: () => undefined, setState: () => undefined });`;

function findChromium(): string | undefined {
  for (const env of ['CHROMIUM', 'CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE']) if (process.env[env] && fs.existsSync(process.env[env]!)) return process.env[env];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      const p = path.join(dir, name);
      if (fs.existsSync(p)) return p;
    }
  }
  return undefined;
}

export async function renderCase(ctx: Ctx): Promise<void> {
  const r = renderer(ctx.paths.root);
  if (!r) {
    ctx.rows.push({ what: 'preview render', input: 'the largest real post', ours: 'not built yet (src/core/render.ts)', beside: '—', result: '—', target: '≤ 1.5× the floor', verdict: 'pending' });
    return;
  }
  const top = largest(ctx.corpus);
  const post = parsePost(top.text);
  const diagnostics = lintPost(post, { config: defaultConfig(), entities: corpusIndex(ctx) });
  const body = top.text.slice(post.bodyStart);
  const md = new MarkdownIt({ html: true }).disable('code');
  const ours = () => r.renderPost(parsePost(top.text), { diagnostics }).html;
  const floor = () => md.render(body);
  const bareHtml = floor();
  const calls: (() => unknown)[] = [ours, floor, () => parsePost(top.text), () => r.renderPost(post, { diagnostics })];
  if (r.sanitize) calls.push(() => r.sanitize!(bareHtml));
  const [a, f, pp, rp, s] = interleaved(calls, { warmup: 5, minRuns: ctx.q(15, 5), maxRuns: 100, budgetMs: ctx.q(8000, 2000) });
  const sa = summarize(a), sf = summarize(f), rr = summarize(ratios(a, f));
  ctx.rows.push({
    what: 'preview render', input: `largest real post (${(top.bytes / 1024).toFixed(0)} KB): parse + render, its ${diagnostics.length} problems marked; ${r.from}`,
    ours: spread(sa), beside: `markdown-it render ${spread(sf)}`, result: `${times(rr.median)} the floor (${times(rr.p10)}–${times(rr.p90)})`,
    target: '≤ 1.5× the floor', verdict: verdict(rr.median <= 1.5),
  });
  note(ctx, 'render', `Of that: parsePost ${ms(summarize(pp).median)}, renderPost on the parsed post ${ms(summarize(rp).median)} (${times(summarize(rp).median / sf.median)} the floor; the extension's parse cache usually has the post already, since diagnostics parse it too).`);
  if (s) note(ctx, 'render', `The sanitizer alone on markdown-it's whole output takes ${spread(summarize(s))}, ${times(summarize(s).median / sf.median)} the markdown-it render itself.`);
  await domPatch(ctx, r, top.text);
}

async function domPatch(ctx: Ctx, r: Renderer, text: string): Promise<void> {
  const renderPost = r.renderPost;
  const what = 'preview: DOM patch after a one-word edit';
  const script = path.join(ctx.paths.root, 'dist', 'webview', 'preview.js');
  const css = path.join(ctx.paths.root, 'media', 'preview.css');
  const chromium = findChromium();
  if (!fs.existsSync(script) || !chromium) {
    ctx.rows.push({ what, input: 'largest real post in headless Chromium', ours: !chromium ? 'no Chromium found (set CHROMIUM)' : 'not built yet (dist/webview/preview.js)', beside: '—', result: '—', target: 'measured', verdict: 'pending' });
    return;
  }
  const [e1, e2] = oneWordEdits(text);
  const htmlOf = (t: string) => renderPost(parsePost(t)).html;
  // Host side of a keystroke: render the edited text.
  const host = summarize(interleaved([() => htmlOf(e1), () => htmlOf(e2)], { warmup: 2, minRuns: 5, maxRuns: 30, budgetMs: ctx.q(3000, 1000) }).flat());
  const pages = [htmlOf(text), htmlOf(e1), htmlOf(e2)];
  const { chromium: pw } = require('playwright-core') as typeof import('playwright-core');
  const browser = await pw.launch({
    executablePath: chromium, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', e => pageErrors.push(e.message));
    page.setDefaultTimeout(30000);
    const style = fs.existsSync(css) ? fs.readFileSync(css, 'utf8') : '';
    // The page the preview adapter builds (src/vscode/preview.ts), with the stylesheet and script inlined.
    await page.setContent(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>${style}</style><title>Preview</title></head>` +
      `<body class="bp-webview">${r.toolbarHtml?.() ?? ''}<main id="bp-root" class="bp-root"></main>` +
      `<script>${VSCODE_API_STUB}</script><script>${fs.readFileSync(script, 'utf8').replace(/<\/script/g, '<\\/script')}</script></body></html>`);
    // Sends a render message; resolves with the webview's own patch figure, the time to its "rendered" answer, and
    // the layout that follows (forced right after the patch, as the next paint would).
    const send = (html: string, version: number) => page.evaluate(({ html, version }) => new Promise<{ wall: number; layout: number; patch: unknown; error?: string }>(resolve => {
      const w = window as unknown as { __wait?: (m: { type: string; patch?: unknown; message?: string }) => void };
      const t = performance.now();
      const timer = setTimeout(() => { w.__wait = undefined; resolve({ wall: NaN, layout: NaN, patch: undefined, error: 'no "rendered" answer within 15 s' }); }, 15000);
      w.__wait = m => {
        if (m.type !== 'rendered' && m.type !== 'error') return;
        clearTimeout(timer);
        const wall = performance.now() - t;
        const l = performance.now();
        void document.body.offsetHeight;
        w.__wait = undefined;
        resolve({ wall, layout: performance.now() - l, patch: m.patch, error: m.message });
      };
      window.postMessage({ type: 'render', version, uri: 'file:///bench/post.md', html, title: 'post.md' }, '*');
    }), { html, version });
    const first = await send(pages[0], 1);
    if (first.error) throw new Error(`the webview reported: ${first.error}${pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''}`);
    const patchMs: number[] = [], wall: number[] = [], layout: number[] = [];
    let last: unknown;
    const rounds = ctx.q(40, 10);
    for (let i = 0; i < rounds + 3; i++) {
      const res = await send(pages[1 + (i % 2)], i + 2);
      if (res.error) throw new Error(`the webview reported: ${res.error}`);
      if (i < 3) continue;
      const p = res.patch as { ms: number };
      patchMs.push(p.ms); wall.push(res.wall); layout.push(res.layout); last = res.patch;
    }
    const sp = summarize(patchMs), sw = summarize(wall), sl = summarize(layout);
    ctx.rows.push({
      what, input: `largest real post (${pages[0].length.toLocaleString('en-US')} chars of HTML), headless Chromium`,
      ours: `patch ${spread(sp)}; + layout ${ms(sl.median)}`, beside: `host render of the edit ${spread(host)}`,
      result: `keystroke → page ≈ ${ms(host.median + sw.median + sl.median)}`, target: 'measured', verdict: 'info',
    });
    note(ctx, 'render', `DOM patch: last patch kept/inserted/removed ${JSON.stringify(last)}; from the render message to the webview's "rendered" answer ${spread(sw)} (includes waiting for the next animation frame, which is how the webview coalesces updates).`);
  } finally {
    await browser.close();
  }
}
