// Renders a post as the site shows it (markdown-it set up like Eleventy, raw HTML passing through), then sanitizes it; shared by the preview and the CLI.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { Diagnostic } from './diagnostics';
import type { FmEntry } from './frontmatter';
import type { Post } from './post';

export interface RenderOptions {
  /** Problems to mark in place (from lintPost); none by default. */
  diagnostics?: readonly Diagnostic[];
  /** Keep `<img>` with http(s) sources; otherwise each image becomes a placeholder and nothing is fetched. */
  remoteImages?: boolean;
  /** Render the front matter as a header card (default true). */
  header?: boolean;
}

export interface RenderResult {
  /** Sanitized HTML: the header card then the body. */
  html: string;
  /** English blocks that reach the page as `<details data-english>` (post.english.length unless broken HTML swallows some). */
  englishBlocks: number;
  /** Lines of the English blocks the page does not show. */
  hiddenEnglish: number[];
  /** Problems marked (in place or listed in the card). */
  problems: number;
  /** The post the HTML was rendered from. */
  post: Post;
}

/**
 * Eleventy's Markdown defaults: markdown-it with `html: true` (everything else markdown-it's defaults) and,
 * since Eleventy 2.0, indented code blocks disabled.
 */
export function siteMarkdown(): MarkdownIt.MarkdownIt {
  return new MarkdownIt({ html: true }).disable('code');
}

const md = siteMarkdown();

// What the blog's posts use (details/summary, p.english-text, br, links, images, tables) plus ordinary Markdown
// output; nothing that can run code, load a resource by itself, submit, navigate or restyle the page.
const ALLOWED_TAGS = [
  'details', 'summary', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'pre', 'code', 'kbd', 'samp', 'var', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup',
  'abbr', 'cite', 'q', 'dfn', 'time', 'span', 'div', 'section', 'article', 'aside', 'header', 'footer', 'figure', 'figcaption',
  'ruby', 'rt', 'rp', 'wbr', 'a', 'img',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];
// Our own markers; a post can write them too, which only misleads its own preview.
const MARKERS = ['data-line', 'data-english', 'data-pair', 'data-problem', 'data-problem-text'];

function sanitizeOptions(remoteImages: boolean): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      '*': [...MARKERS, 'title', 'lang', 'dir', 'class'],
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      details: ['open'],
      ol: ['start', 'type', 'reversed'],
      li: ['value'],
      td: ['align', 'colspan', 'rowspan'],
      th: ['align', 'colspan', 'rowspan', 'scope'],
      col: ['span'],
      colgroup: ['span'],
      time: ['datetime'],
    },
    // Classes only from this list: the blog's own and ours (bp-*); code keeps its language for readers.
    allowedClasses: { '*': ['bp-*', 'english-text', 'entity-details'], code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    parseStyleAttributes: false,
    // Elements whose content browsers take as raw text (or never show): drop it with the element.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'noembed', 'noframes', 'xmp', 'iframe', 'title', 'template', 'plaintext', 'object', 'svg', 'math'],
    disallowedTagsMode: 'discard',
    transformTags: { img: remoteImages ? remoteImage : blockImage },
  };
}

/** With remote images off, an image becomes a visible placeholder naming it, so nothing is fetched. */
function blockImage(_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const alt = (attribs.alt ?? '').trim();
  return { tagName: 'span', attribs: { class: 'bp-img-blocked', title: attribs.src ?? '' }, text: alt ? `[图片 image: ${alt}]` : '[图片 image]' };
}

/** With remote images on, only an absolute http(s) image stays: a relative one has nothing to load from here. */
function remoteImage(tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return /^\s*https?:\/\//i.test(attribs.src ?? '') ? { tagName: tag, attribs } : blockImage(tag, attribs);
}

const SANITIZE = { remote: sanitizeOptions(true), local: sanitizeOptions(false) };

/** Runs HTML through the preview's sanitizer (exported for tests and callers that render their own markup). */
export function sanitize(html: string, remoteImages = false): string {
  return sanitizeHtml(html, remoteImages ? SANITIZE.remote : SANITIZE.local);
}

/**
 * Renders a parsed post (core's parsePost) to sanitized HTML with line markers, English-block markers and problems
 * in place. It takes a Post, not text, so this module (loaded lazily by the editor) does not carry the YAML parser.
 */
export function renderPost(post: Post, options: RenderOptions = {}): RenderResult {
  const fm = post.frontMatter;
  // A front matter the site cannot read (unclosed, or a fence that is not exactly ---) is shown as body text there.
  const fmBroken = fm !== undefined && (!fm.closed || post.lines.lineText(post.lines.lineAt(fm.start)).replace(/^\uFEFF/, '').trimEnd() !== '---');
  const bodyStart = fm && !fmBroken ? post.bodyStart : 0;
  const bodyLine = fm && !fmBroken ? post.bodyLine : 0;
  const body = post.text.slice(bodyStart);
  const diags = [...(options.diagnostics ?? [])].sort((a, b) => a.range.start.line - b.range.start.line);
  const env: Env = { post, offset: bodyLine, diags, placed: new Set(), english: 0 };
  let bodyHtml: string;
  try {
    bodyHtml = md.render(body, env as unknown as MarkdownIt.Env);
  } catch (e) {
    // markdown-it is total in practice; if a pathological input ever throws, show it as text rather than nothing.
    bodyHtml = `<pre>${escapeText(body)}</pre><p class="bp-render-error">${escapeText(String((e as Error).message))}</p>`;
  }
  const remote = options.remoteImages === true;
  const safeBody = sanitize(bodyHtml, remote);
  // Which English blocks made it to the page: broken HTML before a block (e.g. `</` and Chinese text, which
  // browsers read as a comment up to the next `>`) can swallow it, on the site as here.
  const shown = new Set<number>();
  for (const m of safeBody.matchAll(/<details\b[^>]*?\sdata-english="[ABC]" data-line="(\d+)"/g)) shown.add(Number(m[1]));
  const hiddenEnglish = post.english.filter(e => !shown.has(e.line)).map(e => e.line);
  const unplaced = diags.filter(d => !env.placed.has(d));
  const card = options.header === false ? '' : sanitize(headerCard(post, fmBroken, unplaced, hiddenEnglish), remote);
  return { html: card + safeBody, englishBlocks: shown.size, hiddenEnglish, problems: diags.length + hiddenEnglish.length, post };
}

interface Env {
  post: Post;
  /** Line of the body's first line in the whole text (markdown-it maps are relative to the body). */
  offset: number;
  diags: Diagnostic[];
  placed: Set<Diagnostic>;
  english: number;
}

type Token = MarkdownIt.Token;

md.core.ruler.push('bilingual_annotate', (state: MarkdownIt.StateCore) => { annotate(state.tokens, state.env as unknown as Env, state.Token); });

/** A block the problems can attach to: lines [line, endLine] of the whole text. */
interface Anchor { line: number; endLine: number; diags: Diagnostic[] }

/**
 * Adds data-line to block tokens (as VS Code's preview does, for scroll sync), marks English blocks and the
 * paragraphs they translate, and attaches each problem to the block that holds its first line.
 */
function annotate(tokens: Token[], env: Env, TokenCtor: typeof MarkdownIt.Token): void {
  if (!env || !env.post) return;
  const { post, offset } = env;
  const englishAt = new Map<number, number>(); // line of `<details` -> index in post.english
  post.english.forEach((e, i) => englishAt.set(e.line, i));
  const pairedAt = new Map<number, string>(); // first line of a translated text block -> marker
  for (const e of post.english) {
    if (e.pairedWith === undefined || e.sectionLevel) continue;
    const t = post.blocks[e.pairedWith];
    if (t) pairedAt.set(t.line, e.style);
  }

  // English blocks found in the HTML tokens: where their `<details` tag is.
  const englishAnchors = new Map<number, Anchor>();
  const found: { token: Token; child?: Token; line: number; index: number }[] = [];
  for (const t of tokens) {
    if (!t.map) continue;
    const first = t.map[0] + offset;
    if (t.type === 'html_block') {
      t.content.split('\n').forEach((ln, i) => {
        const idx = englishAt.get(first + i);
        if (idx !== undefined && /<details\b/i.test(ln)) found.push({ token: t, line: first + i, index: idx });
      });
    } else if (t.type === 'inline' && t.children) {
      let line = first;
      for (const c of t.children) {
        if (c.type === 'html_inline' && /^<details\b/i.test(c.content)) {
          const idx = englishAt.get(line);
          if (idx !== undefined) found.push({ token: t, child: c, line, index: idx });
        }
        if (c.type === 'softbreak' || c.type === 'hardbreak') line++;
        else line += countNewlines(c.content);
      }
    }
  }
  for (const f of found) {
    const e = post.english[f.index];
    englishAnchors.set(f.index, { line: e.line, endLine: e.endLine, diags: [] });
  }

  // Top-level blocks, for problems that are not inside an English block.
  const blockAnchors: { token: Token; anchor: Anchor; close: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.level !== 0 || !t.map || t.nesting === -1) continue;
    let close = i;
    if (t.nesting === 1) { close = i + 1; while (close < tokens.length && !(tokens[close].level === 0 && tokens[close].nesting === -1)) close++; }
    blockAnchors.push({ token: t, anchor: { line: t.map[0] + offset, endLine: t.map[1] - 1 + offset, diags: [] }, close });
  }

  // A missing translation's home is the paragraph the English should follow, also inside a quote; a list is
  // translated as a whole, so its home is the list.
  const unitAt = new Map<number, number>(); // line -> token index
  const stack: string[] = [];
  tokens.forEach((t, i) => {
    if (t.nesting === 1 && t.map) {
      const inList = stack.includes('bullet_list_open') || stack.includes('ordered_list_open');
      if (!inList && (t.level === 0 || (t.type === 'paragraph_open' && stack[stack.length - 1] === 'blockquote_open'))) unitAt.set(t.map[0] + offset, i);
    }
    if (t.nesting === 1) stack.push(t.type); else if (t.nesting === -1) stack.pop();
  });
  const missingAt = new Map<Token, Diagnostic[]>();

  for (const d of env.diags) {
    const line = d.range.start.line;
    const home = d.code === 'missing-translation' ? unitAt.get(line) : undefined;
    if (home !== undefined) {
      const t = tokens[home];
      const list = missingAt.get(t);
      if (list) list.push(d); else missingAt.set(t, [d]);
      env.placed.add(d);
      continue;
    }
    let target: Anchor | undefined;
    for (const [, a] of englishAnchors) if (line >= a.line && line <= a.endLine) { target = a; break; }
    if (!target) target = blockAnchors.find(b => line >= b.anchor.line && line <= b.anchor.endLine)?.anchor;
    if (target) { target.diags.push(d); env.placed.add(d); }
  }

  // English details tags get their markers (and problems) injected into the raw HTML.
  for (const f of found) {
    const a = englishAnchors.get(f.index)!;
    const e = post.english[f.index];
    const paired = e.pairedWith !== undefined && !e.sectionLevel ? ' data-pair="english"' : '';
    const attrs = ` data-english="${e.style}" data-line="${f.line}"${paired}${problemAttrs(a.diags)}`;
    if (f.child) {
      f.child.content = f.child.content.replace(/^<details\b/i, m => m + attrs);
    } else {
      const lines = f.token.content.split('\n');
      const i = f.line - (f.token.map![0] + offset);
      lines[i] = lines[i].replace(/<details\b/i, m => m + attrs);
      f.token.content = lines.join('\n');
      (f.token as Token & { bpEnglish?: boolean }).bpEnglish = true;
    }
    env.english++;
  }

  // Line markers on every block (nested ones too: finer scroll sync), pairing and problems on top-level blocks.
  const inserts: { at: number; token: Token }[] = [];
  const anchorOf = new Map(blockAnchors.map(b => [b.token, b]));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.map || t.nesting === -1 || t.type === 'inline') continue;
    const line = t.map[0] + offset;
    const b = anchorOf.get(t);
    const diags = b?.anchor.diags ?? [];
    if (t.type === 'html_block') {
      annotateHtml(t, line, diags, post);
      continue;
    }
    t.attrSet('data-line', String(line));
    if (b && t.nesting === 1 && pairedAt.has(line)) t.attrSet('data-pair', pairedAt.get(line)!);
    const missing = [...(missingAt.get(t) ?? []), ...diags.filter(d => d.code === 'missing-translation')];
    const rest = diags.filter(d => d.code !== 'missing-translation');
    if (missing.length || rest.length) t.attrSet('data-problem', problemInfo([...missing, ...rest]).severity);
    if (rest.length) t.attrSet('data-problem-text', problemInfo(rest).text);
    if (missing.length) {
      // Where the English should be: a visible placeholder (in side-by-side mode, the empty right column).
      const ph = new TokenCtor('html_block', '', 0);
      ph.level = t.level;
      ph.content = missingHtml(line, missing);
      inserts.push({ at: closeOf(tokens, i) + 1, token: ph });
      t.attrSet('data-pair', 'missing');
    }
  }
  for (const ins of inserts.sort((x, y) => y.at - x.at)) tokens.splice(ins.at, 0, ins.token);
}

/** Index of the token that closes the block opened at i (i itself for a block without children). */
function closeOf(tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (t.nesting !== 1) return i;
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j].nesting === -1 && tokens[j].level === t.level) return j;
  return tokens.length - 1;
}

function missingHtml(line: number, missing: readonly Diagnostic[]): string {
  return `<div class="bp-missing" data-line="${line}" data-pair="missing"${problemAttrs(missing)}></div>\n`;
}

/**
 * Problems in a raw HTML block. Its first tag can carry them; text swallowed into the block (a paragraph right
 * after `</details>` with no blank line) gets its own note right after its line, so each problem shows where it is.
 */
function annotateHtml(t: Token, line: number, diags: readonly Diagnostic[], post: Post): void {
  const english = (t as Token & { bpEnglish?: boolean }).bpEnglish === true;
  const startsEnglish = english && /^\s*<*details\b/i.test(t.content);
  const lines = t.content.split('\n');
  const lastLine = line + lines.length - 1;
  const own: Diagnostic[] = [];
  // Content line index -> HTML to insert before it (a text's problems sit above it, so in side-by-side mode the
  // text still lines up with its English; a missing translation's placeholder goes where the English would be).
  const before = new Map<number, string>();
  const add = (at: number, html: string) => before.set(at, (before.get(at) ?? '') + html);
  const byBlock = new Map<TextBlockLike, Diagnostic[]>();
  for (const d of diags) {
    const b = blockAt(post, d.range.start.line);
    if (b && b.kind === 'text' && b.line > line && b.line <= lastLine) {
      const list = byBlock.get(b);
      if (list) list.push(d); else byBlock.set(b, [d]);
    } else own.push(d);
  }
  for (const [b, ds] of byBlock) {
    const missing = ds.filter(d => d.code === 'missing-translation');
    const rest = ds.filter(d => d.code !== 'missing-translation');
    if (rest.length) add(b.line - line, noteHtml(b.line, rest));
    if (missing.length) add(Math.min(b.endLine, lastLine) - line + 1, missingHtml(b.line, missing));
  }
  for (const at of [...before.keys()].sort((x, y) => y - x)) lines.splice(at, 0, before.get(at)!.replace(/\n$/, ''));
  let content = lines.join('\n');
  const open = /^(\s*<[A-Za-z][\w-]*)(?=[\s/>]|$)/.exec(content);
  if (open && !startsEnglish) {
    content = open[1] + ` data-line="${line}"${problemAttrs(own)}` + content.slice(open[1].length);
  } else if (own.length) {
    // No tag of its own to mark (a stray closing tag, bare text): a note before it carries the problems.
    content = noteHtml(line, own) + content;
  }
  t.content = content;
}

function noteHtml(line: number, diags: readonly Diagnostic[]): string {
  return `<div class="bp-note" data-line="${line}"${problemAttrs(diags)}></div>\n`;
}

type TextBlockLike = Post['blocks'][number];

/** The post's block that holds a line (blocks are sorted and do not overlap). */
function blockAt(post: Post, line: number): Post['blocks'][number] | undefined {
  const bs = post.blocks;
  let lo = 0, hi = bs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bs[mid].endLine < line) lo = mid + 1; else if (bs[mid].line > line) hi = mid - 1; else return bs[mid];
  }
  return undefined;
}

const ICON: Record<string, string> = { error: '✖', warning: '⚠', info: 'ℹ', hint: '›' };
const RANK: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function problemInfo(diags: readonly Diagnostic[]): { severity: string; text: string } {
  const severity = diags.reduce((s, d) => (RANK[d.severity] < RANK[s] ? d.severity : s), 'hint' as string);
  const text = diags.map(d => `${ICON[d.severity] ?? ''} ${d.code}: ${d.message}`).join('\n');
  return { severity, text };
}

function problemAttrs(diags: readonly Diagnostic[]): string {
  if (!diags.length) return '';
  const { severity, text } = problemInfo(diags);
  return ` data-problem="${severity}" data-problem-text="${escapeAttr(text)}"`;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// ---------------------------------------------------------------- header card

const ENTITY_KEYS: [string, string][] = [
  ['companies_orgs', '公司 / 机构'], ['people', '人物'], ['products_models', '产品 / 模型'], ['media_books', '媒体 / 书籍'], ['project', '项目'],
];

function valueOf(e: FmEntry): unknown {
  return e.value.kind === 'scalar' ? e.value.value : e.value.kind === 'list' ? e.value.items.map(i => i.value) : undefined;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.filter(x => x !== null && x !== undefined && x !== '').map(String).join(', ');
  return String(v).trim();
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter(x => x !== null && x !== undefined && String(x).trim() !== '').map(x => String(x).trim());
  if (v === null || v === undefined || String(v).trim() === '') return [];
  return [String(v).trim()];
}

/** Only an absolute http(s) URL becomes a link; anything else is shown as text. */
export function safeHttpUrl(s: string): string | undefined {
  const t = s.trim();
  if (!/^https?:\/\//i.test(t)) return undefined;
  try { return new URL(t).href; } catch { return undefined; }
}

function chips(values: readonly string[], cls: string): string {
  return values.map(v => `<span class="bp-chip ${cls}">${escapeText(v)}</span>`).join('');
}

function headerCard(post: Post, fmBroken: boolean, problems: readonly Diagnostic[], hiddenEnglish: readonly number[]): string {
  const fm = post.frontMatter;
  const data = new Map<string, unknown>();
  if (fm && !fmBroken) for (const e of fm.entries as FmEntry[]) if (!data.has(e.key)) data.set(e.key, valueOf(e));
  const get = (k: string) => text(data.get(k));
  const parts: string[] = [];
  const fmLine = fm ? post.lines.lineAt(fm.start) : 0;
  const title = get('title');
  if (title) parts.push(`<h1 class="bp-title">${escapeText(title)}</h1>`);
  const meta: string[] = [];
  const date = get('date');
  if (date) meta.push(`<span class="bp-date">${escapeText(date)}</span>`);
  for (const k of ['speaker', 'guest']) { const v = get(k); if (v) meta.push(`<span class="bp-${k}">${escapeText(v)}</span>`); }
  const source = get('source');
  if (source) {
    const url = safeHttpUrl(source);
    meta.push(url
      ? `<a class="bp-source" href="${escapeAttr(url)}" title="${escapeAttr(url)}">${escapeText(hostOf(url))}</a>`
      : `<span class="bp-source bp-source-invalid" title="not an http(s) link">${escapeText(source)}</span>`);
  }
  if (meta.length) parts.push(`<div class="bp-meta">${meta.join('<span class="bp-sep"> · </span>')}</div>`);
  const summary = get('summary');
  if (summary) parts.push(`<p class="bp-summary">${escapeText(summary)}</p>`);
  const facets: string[] = [];
  for (const k of ['area', 'category', 'status', 'series']) { const v = get(k); if (v) facets.push(`<span class="bp-chip bp-facet bp-${k}" title="${k}">${escapeText(v)}</span>`); }
  const draft = data.get('draft');
  if (draft === true || draft === 'true') facets.push('<span class="bp-chip bp-facet bp-draft" title="draft">draft 草稿</span>');
  if (facets.length) parts.push(`<div class="bp-facets">${facets.join('')}</div>`);
  const ents: string[] = [];
  for (const [k, label] of ENTITY_KEYS) {
    const vs = list(data.get(k));
    if (vs.length) ents.push(`<div class="bp-entity-row"><span class="bp-label" title="${k}">${escapeText(label)}</span>${chips(vs, `bp-entity bp-${k}`)}</div>`);
  }
  if (ents.length) parts.push(`<div class="bp-entities">${ents.join('')}</div>`);
  const tags = list(data.get('tags'));
  if (tags.length) parts.push(`<div class="bp-tags">${chips(tags.map(t => '#' + t), 'bp-tag')}</div>`);
  const item = (line: number, severity: string, code: string, message: string) => `<li data-line="${line}" data-problem="${severity}">` +
    `<span class="bp-problem-where">${ICON[severity] ?? ''} line ${line + 1}</span> <span class="bp-problem-code">${escapeText(code)}</span> ${escapeText(message)}</li>`;
  const items = [
    ...problems.map(d => item(d.range.start.line, d.severity, d.code, d.message)),
    ...hiddenEnglish.map(l => item(l, 'warning', 'hidden-english', 'This English block does not show: broken HTML before it swallows it (the site shows the same).')),
  ];
  if (items.length) parts.push(`<ul class="bp-problem-list">${items.join('')}</ul>`);
  if (!parts.length) return '';
  return `<header class="bp-card" data-line="${fmLine}">${parts.join('')}</header>\n`;
}

function hostOf(url: string): string {
  try { return new URL(url).host || url; } catch { return url; }
}

/** The toolbar both the preview and the standalone page put above the post (buttons are wired by their scripts). */
export function toolbarHtml(options: { sideBySide?: boolean } = {}): string {
  return `<div class="bp-toolbar" role="toolbar">` +
    `<button type="button" class="bp-btn" data-action="toggle-all" title="Open or close every English block">展开全部原文</button>` +
    (options.sideBySide === false ? '' : `<button type="button" class="bp-btn" data-action="side-by-side" aria-pressed="false" title="Each Chinese paragraph next to its English">对照 Side by side</button>`) +
    `<span class="bp-status" aria-live="polite"></span></div>`;
}
