// `bilingual-posts render POST.md`: the preview as a standalone HTML page (same renderer, its CSS inlined), for sharing a draft.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig, lintPost, looksLikePost, parseConfig, parsePost, type Config } from '../core';
import { escapeAttr, escapeText, renderPost, toolbarHtml } from '../core/render';
import { findConfig, readPost } from './files';
import { RENDER_USAGE } from './renderUsage';

interface Io { out: (s: string) => void; err: (s: string) => void }

export { RENDER_USAGE };

export interface PageOptions {
  remoteImages?: boolean;
  problems?: boolean;
  config?: Config;
  /** The stylesheet to inline (default: the extension's media/preview.css). */
  css?: string;
}

/** The standalone page for a post's text. */
export function renderPage(text: string, options: PageOptions = {}): { html: string; englishBlocks: number; problems: number } {
  const post = parsePost(text);
  const diagnostics = options.problems === false || !looksLikePost(post) ? [] : lintPost(post, { config: options.config ?? defaultConfig() });
  const result = renderPost(post, { diagnostics, remoteImages: options.remoteImages === true });
  const nonce = crypto.randomBytes(18).toString('base64');
  const titleEntry = post.frontMatter?.entries.find(e => e.key === 'title');
  const title = titleEntry?.value.kind === 'scalar' && titleEntry.value.value !== null ? String(titleEntry.value.value) : 'Preview';
  // The page's only script is the toggle below (by nonce); the post's markup can run nothing and load nothing
  // but https images when asked for.
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`,
    ...(options.remoteImages ? ['img-src https: data:'] : []), `base-uri 'none'`, `form-action 'none'`].join('; ');
  const css = options.css ?? previewCss();
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeText(title)}</title>
<style nonce="${nonce}">${css.replace(/<\//g, '<\\/')}</style>
</head>
<body class="bp-standalone">
${toolbarHtml()}
<main id="bp-root" class="bp-root">
${result.html}
</main>
<script nonce="${nonce}">(${standaloneScript.toString()})();</script>
</body>
</html>
`;
  return { html, englishBlocks: result.englishBlocks, problems: result.problems };
}

/**
 * The standalone page's toolbar: open/close every English block (the site's button) and side-by-side mode.
 * Inlined with toString(), so it must not use anything from outside its own body.
 */
function standaloneScript(): void {
  const root = document.getElementById('bp-root');
  if (!root) return;
  const blocks = (): HTMLDetailsElement[] => Array.from(root.querySelectorAll<HTMLDetailsElement>('details[data-english]'));
  const btn = (a: string): HTMLButtonElement | null => document.querySelector<HTMLButtonElement>('.bp-toolbar [data-action="' + a + '"]');
  const opened = new WeakSet<HTMLDetailsElement>();
  const refresh = (): void => {
    const b = blocks();
    const all = b.length > 0 && b.every(d => d.open);
    const t = btn('toggle-all');
    if (t) { t.textContent = all ? '折叠全部原文' : '展开全部原文'; t.disabled = b.length === 0; }
    const s = btn('side-by-side');
    if (s) s.setAttribute('aria-pressed', String(document.body.classList.contains('bp-side-by-side')));
    const status = document.querySelector('.bp-toolbar .bp-status');
    const n = root.querySelectorAll('[data-problem]').length;
    if (status) status.textContent = n ? '⚠ ' + n : '';
  };
  document.addEventListener('click', e => {
    const action = (e.target as Element | null)?.closest('[data-action]')?.getAttribute('data-action');
    if (action === 'toggle-all') {
      const b = blocks();
      const open = !(b.length > 0 && b.every(d => d.open));
      for (const d of b) { d.open = open; opened.delete(d); }
    } else if (action === 'side-by-side') {
      const on = document.body.classList.toggle('bp-side-by-side');
      for (const d of blocks()) {
        if (on && !d.open) { d.open = true; opened.add(d); } else if (!on && opened.has(d)) { d.open = false; opened.delete(d); }
      }
    } else return;
    refresh();
  });
  root.addEventListener('toggle', refresh, true);
  refresh();
}

/** media/preview.css, found from the CLI's location (dist/cli.js, or out/src/cli when run from the tests). */
export function previewCss(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const f = path.join(dir, 'media', 'preview.css');
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
    dir = path.dirname(dir);
  }
  return '';
}

/** The `render` subcommand; returns the exit code (0 written, 2 usage or I/O error). */
export function renderCommand(args: string[], io: Io): number {
  let out: string | undefined;
  let configPath: string | undefined;
  let remoteImages = false, problems = true;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    if (a === '-o' || a === '--out') { out = args[++i]; if (out === undefined) { io.err('bilingual-posts: -o needs a file (or - for stdout)\n'); return 2; } continue; }
    if (a.startsWith('--out=')) { out = a.slice(6); continue; }
    if (a === '--remote-images') { remoteImages = true; continue; }
    if (a === '--no-problems') { problems = false; continue; }
    if (a === '--config' || a === '-c') { configPath = args[++i]; if (!configPath) { io.err('bilingual-posts: --config needs a file\n'); return 2; } continue; }
    if (a.startsWith('--config=')) { configPath = a.slice(9); continue; }
    if (a.startsWith('-') && a !== '-' && !fs.existsSync(a)) { io.err(`bilingual-posts: unknown option "${a}"\n\nUsage:\n${RENDER_USAGE}\n`); return 2; }
    files.push(a);
  }
  if (files.length !== 1) { io.err(`bilingual-posts: render takes one POST.md\n\nUsage:\n${RENDER_USAGE}\n`); return 2; }
  const file = files[0];
  const read = readPost(file);
  if ('error' in read) { io.err(`${file}: error: ${read.error}\n`); return 2; }
  let config = defaultConfig();
  const cfgFile = configPath ?? findConfig(file);
  if (cfgFile) {
    let json: string;
    try { json = fs.readFileSync(cfgFile, 'utf8'); } catch (e) { io.err(`bilingual-posts: cannot read config ${cfgFile}: ${(e as Error).message}\n`); return 2; }
    const parsed = parseConfig(json);
    config = parsed.config;
    for (const p of parsed.problems) io.err(`${cfgFile}: ${p.path ? p.path + ': ' : ''}${p.message}\n`);
  }
  const page = renderPage(read.text, { remoteImages, problems, config });
  if (out === '-') { io.out(page.html); return 0; }
  const target = out ?? file.replace(/\.(md|markdown|txt)$/i, '') + '.html';
  try { fs.writeFileSync(target, page.html); } catch (e) { io.err(`bilingual-posts: cannot write ${target}: ${(e as Error).message}\n`); return 2; }
  io.err(`${target}: ${page.englishBlocks} English block${page.englishBlocks === 1 ? '' : 's'}, ${page.problems} problem${page.problems === 1 ? '' : 's'} marked\n`);
  return 0;
}
