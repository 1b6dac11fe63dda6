// Renders a post as the site shows it (markdown-it set up like Eleventy, raw HTML passing through) and sanitizes the raw HTML it holds; shared by the preview and the CLI.
import MarkdownIt from 'markdown-it';
import type { Diagnostic } from './diagnostics';
import type { FmEntry } from './frontmatter';
import type { Post } from './post';
import { blockedImage, HtmlSanitizer, remoteImageUrl, safeLink, sanitizeHtml } from './sanitize';

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

// The site's settings; `<br />` rather than `<br>` (the same element) so the output is XHTML-clean like a sanitizer's.
const md = new MarkdownIt({ html: true, xhtmlOut: true }).disable('code');

/**
 * Only raw HTML can carry anything active: markdown-it escapes all text and attribute values it writes and refuses
 * `javascript:`-like links. So the raw HTML tokens (html_block, html_inline) go through the sanitizer, in document
 * order and with one tokenizer state (a tag opened in one HTML block and closed in another stays as the post wrote
 * it), and the rest passes through; links and images markdown-it writes get the same URL policy as raw ones.
 */
type Renderer = MarkdownIt.Renderer;
const rules = md.renderer.rules;
rules.html_block = (tokens, i, _o, env) => sanitizerOf(env).raw(tokens[i].content);
rules.html_inline = (tokens, i, _o, env) => sanitizerOf(env).raw(tokens[i].content);
rules.image = (tokens, i, options, env, slf) => {
  const t = tokens[i];
  const alt = slf.renderInlineAsText(t.children ?? [], options, env);
  const src = String(t.attrGet('src') ?? '');
  if (!sanitizerOf(env).remoteImages || !remoteImageUrl(src)) return blockedImage(src, alt);
  t.attrSet('alt', alt);
  return slf.renderToken(tokens, i, options);
};
rules.link_open = (tokens, i, options, _env, slf) => {
  const t = tokens[i];
  const href = t.attrGet('href');
  if (href !== null && !safeLink(String(href))) t.attrs = (t.attrs ?? []).filter(a => a[0] !== 'href');
  return slf.renderToken(tokens, i, options);
};
// markdown-it's render loops, with the generated markup handed to the sanitizer as trusted (it passes through
// unless broken HTML before it still holds the tokenizer, e.g. an unclosed comment: then it is read as the browser would).
md.renderer.render = function (this: Renderer, tokens, options, env) {
  const san = sanitizerOf(env);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === 'inline') out += this.renderInline(tokens[i].children ?? [], options, env);
    else if (type === 'html_block') out += rules.html_block!(tokens, i, options, env, this);
    else {
      const rule = rules[type];
      out += san.trusted(rule ? rule(tokens, i, options, env, this) : this.renderToken(tokens, i, options));
    }
  }
  return out;
};
md.renderer.renderInline = function (this: Renderer, tokens, options, env) {
  const san = sanitizerOf(env);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === 'html_inline') out += rules.html_inline!(tokens, i, options, env, this);
    else {
      const rule = rules[type];
      out += san.trusted(rule ? rule(tokens, i, options, env, this) : this.renderToken(tokens, i, options));
    }
  }
  return out;
};

function sanitizerOf(env: unknown): HtmlSanitizer {
  const e = env as Partial<Env> | undefined;
  if (!e?.san) throw new Error('render: no sanitizer in the environment');
  return e.san;
}

/** Runs HTML through the preview's sanitizer on its own (exported for tests and callers that render their own markup). */
export function sanitize(html: string, remoteImages = false): string {
  return sanitizeHtml(html, remoteImages);
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
  const remote = options.remoteImages === true;
  const env: Env = { post, offset: bodyLine, diags, placed: new Set(), english: 0, san: new HtmlSanitizer(remote) };
  let safeBody: string;
  try {
    safeBody = md.render(body, env as unknown as MarkdownIt.Env) + env.san.finish();
  } catch (e) {
    // markdown-it is total in practice; if a pathological input ever throws, show it as text rather than nothing.
    safeBody = `<pre>${escapeText(body)}</pre><p class="bp-render-error">${escapeText(String((e as Error).message))}</p>`;
  }
  // Which English blocks made it to the page: broken HTML before a block (e.g. `</` and Chinese text, which
  // browsers read as a comment up to the next `>`) can swallow it, on the site as here.
  const shown = new Set<number>(env.san.englishLines);
  const hiddenEnglish = post.english.filter(e => !shown.has(e.line)).map(e => e.line);
  const unplaced = diags.filter(d => !env.placed.has(d));
  const card = options.header === false ? '' : sanitizeHtml(headerCard(post, fmBroken, unplaced, hiddenEnglish), remote);
  return { html: card + safeBody, englishBlocks: shown.size, hiddenEnglish, problems: diags.length + hiddenEnglish.length, post };
}

interface Env {
  post: Post;
  /** Line of the body's first line in the whole text (markdown-it maps are relative to the body). */
  offset: number;
  diags: Diagnostic[];
  placed: Set<Diagnostic>;
  english: number;
  /** The tokenizer state the page's raw HTML is read with, in document order. */
  san: HtmlSanitizer;
}

type Token = MarkdownIt.Token;

md.core.ruler.push('bilingual_annotate', (state: MarkdownIt.StateCore) => { annotate(state.tokens, state.env as unknown as Env, state.Token); });

const DETAILS = /<details\b/i;
const NO_DIAGS: Diagnostic[] = [];

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
  const english = post.english;
  let next = 0; // the first English block not yet passed: tokens and blocks both come in line order
  for (const t of tokens) {
    if (!t.map) continue;
    const first = t.map[0] + offset;
    if (t.type === 'html_block') {
      // English blocks start on the lines the post model says; only those lines are looked at.
      const last = t.map[1] - 1 + offset;
      while (next < english.length && english[next].line < first) next++;
      for (let k = next; k < english.length && english[k].line <= last; k++) {
        if (/<details\b/i.test(post.lines.lineText(english[k].line))) found.push({ token: t, line: english[k].line, index: k });
      }
    } else if (t.type === 'inline' && t.children && DETAILS.test(t.content)) {
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
  const blockAnchors: { token: Token; anchor: Anchor }[] = [];
  const anchorAt: (Anchor | undefined)[] = new Array(tokens.length); // by token index
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.level !== 0 || !t.map || t.nesting === -1) continue;
    const anchor = { line: t.map[0] + offset, endLine: t.map[1] - 1 + offset, diags: [] };
    blockAnchors.push({ token: t, anchor });
    anchorAt[i] = anchor;
  }

  // A missing translation's home is the paragraph the English should follow, also inside a quote; a list is
  // translated as a whole, so its home is the list.
  const unitAt = new Map<number, number>(); // line -> token index
  const stack: string[] = [];
  let lists = 0; // list tokens open on the stack
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.nesting === 1 && t.map) {
      if (!lists && (t.level === 0 || (t.type === 'paragraph_open' && stack[stack.length - 1] === 'blockquote_open'))) unitAt.set(t.map[0] + offset, i);
    }
    if (t.nesting === 1) {
      stack.push(t.type);
      if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') lists++;
    } else if (t.nesting === -1) {
      const open = stack.pop();
      if (open === 'bullet_list_open' || open === 'ordered_list_open') lists--;
    }
  }
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

  // English details tags get their markers (and problems) injected into the raw HTML: each HTML token rewritten
  // once, however many English blocks it holds (blocks glued together make one token of hundreds).
  const inToken = new Map<Token, { line: number; attrs: string }[]>();
  for (const f of found) {
    const a = englishAnchors.get(f.index)!;
    const e = post.english[f.index];
    const paired = e.pairedWith !== undefined && !e.sectionLevel ? ' data-pair="english"' : '';
    const attrs = ` data-english="${e.style}" data-line="${f.line}"${paired}${problemAttrs(a.diags)}`;
    if (f.child) {
      f.child.content = f.child.content.replace(/^<details\b/i, m => m + attrs);
    } else {
      const list = inToken.get(f.token);
      if (list) list.push({ line: f.line - (f.token.map![0] + offset), attrs }); else inToken.set(f.token, [{ line: f.line - (f.token.map![0] + offset), attrs }]);
    }
    env.english++;
  }
  for (const [t, list] of inToken) {
    t.content = markLines(t.content, list);
    (t as Token & { bpEnglish?: boolean }).bpEnglish = true;
  }

  // Line markers on every block (nested ones too: finer scroll sync), pairing and problems on top-level blocks.
  const inserts: { at: number; token: Token }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((t.type === 'th_open' || t.type === 'td_open') && t.attrs) alignCell(t);
    if (!t.map || t.nesting === -1 || t.type === 'inline') continue;
    const line = t.map[0] + offset;
    const b = anchorAt[i];
    const diags = b ? b.diags : NO_DIAGS;
    if (t.type === 'html_block') {
      annotateHtml(t, line, diags, post);
      continue;
    }
    if (t.attrs) t.attrSet('data-line', String(line)); else t.attrs = [['data-line', String(line)]];
    if (b && t.nesting === 1) { const p = pairedAt.get(line); if (p !== undefined) t.attrSet('data-pair', p); }
    const home = missingAt.get(t);
    if (!home && !diags.length) continue;
    const missing = [...(home ?? []), ...diags.filter(d => d.code === 'missing-translation')];
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
  if (inserts.length) {
    // One pass, not a splice per placeholder (a post can miss hundreds of translations).
    inserts.sort((x, y) => x.at - y.at);
    const old = tokens.slice();
    tokens.length = 0;
    let k = 0;
    for (let i = 0; i <= old.length; i++) {
      while (k < inserts.length && inserts[k].at === i) tokens.push(inserts[k++].token);
      if (i < old.length) tokens.push(old[i]);
    }
  }
}

/** Adds each item's attributes after the first `<details` on its line (lines counted from 0, in increasing order). */
function markLines(content: string, items: readonly { line: number; attrs: string }[]): string {
  let out = '', from = 0, line = 0, at = 0;
  for (const it of items) {
    while (line < it.line && at !== -1) { at = content.indexOf('\n', at); if (at !== -1) at++; line++; }
    if (at === -1) break;
    const eol = content.indexOf('\n', at);
    const m = /<details\b/i.exec(content.slice(at, eol === -1 ? content.length : eol));
    if (!m) continue;
    const cut = at + m.index + m[0].length;
    out += content.slice(from, cut) + it.attrs;
    from = cut;
  }
  return out + content.slice(from);
}

/** markdown-it aligns table columns with a style attribute, which the preview's CSP refuses: the align attribute says the same. */
function alignCell(t: Token): void {
  const style = t.attrGet('style');
  if (style === null || style === undefined) return;
  t.attrs = t.attrs!.filter(a => a[0] !== 'style');
  const m = /^text-align:(left|right|center)$/.exec(String(style));
  if (m) t.attrSet('align', m[1]);
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
  const open = startsEnglish ? null : /^(\s*<[A-Za-z][\w-]*)(?=[\s/>]|$)/.exec(t.content);
  if (!diags.length) {
    if (open) t.content = open[1] + ` data-line="${line}"` + t.content.slice(open[1].length);
    return;
  }
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
  if (open) {
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
