// Wrapping English paragraphs into blocks and back, exactly: the body encoding plus the wrap, unwrap and insert commands.
import { decodeHTML } from 'entities';
import { englishBlockText, type BlockStyleName } from './edits';
import { closeLike, type EnglishBlock, type Post, type TextBlock } from './post';
import { dominantStyle } from './rules/blocks';
import { eolOf } from './text';
import {
  blockAtLine, blocksInLines, describeBlock, finishAuthoring, isBlankLine, lineLabel, paragraphLanguage, selectionLines,
  type AuthoringResult, type MappedEdit, type TextMove, type OffsetSelection,
} from './authoring';

/*
 * The English of a style-A block lives inside `<p class="english-text">…</p>`, an HTML block, so the encoding
 * from the author's Markdown paragraph(s) to that body is:
 *   - `<` that would start a tag, comment or declaration becomes `&lt;`, and `&` that would start a character
 *     reference (`&amp;`, `&copy`, `&#39;`) becomes `&amp;`; `S&P 500`, `a < b` and `>>` stay as typed.
 *     `<br>`, `<br/>` and `<br />` stay: they are how the blog's authors ask for a line break.
 *   - a Markdown hard break at the end of a line (a backslash, or two or more spaces) becomes `<br>`
 *     (the spaces are kept before it, so unwrapping can tell the two apart; spaces before a backslash break
 *     end in `&#32;` for the same reason);
 *   - a soft line break stays a line break: HTML shows it as a space, so the paragraph reads as one paragraph;
 *   - a blank line between paragraphs becomes `<br><br>` at the end of the line before it (a block's HTML
 *     cannot contain a blank line: Markdown would end the HTML block there).
 * Decoding is the exact inverse on everything the encoding produces. Style B and C bodies are Markdown, so
 * their English is kept verbatim.
 */

export interface Encoded { text: string; moves: TextMove[] }

class Out {
  text = '';
  readonly moves: TextMove[] = [];
  copy(src: number, s: string): void {
    if (!s) return;
    this.moves.push({ src, dst: this.text.length, len: s.length });
    this.text += s;
  }
  /** Writes `s` in place of the old character(s) at `src`: a cursor there lands before the replacement. */
  replace(src: number, s: string): void {
    this.moves.push({ src, dst: this.text.length, len: 0 });
    this.text += s;
  }
  put(s: string): void { this.text += s; }
}

interface Line { start: number; end: number; eol: string }

function splitLines(s: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  for (;;) {
    const nl = s.indexOf('\n', pos);
    if (nl === -1) { out.push({ start: pos, end: s.length, eol: '' }); return out; }
    const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ start: pos, end, eol: s.slice(end, nl + 1) });
    pos = nl + 1;
  }
}

const BR_AT = /^<br\s*\/?>/i;
const TAG_START = /[A-Za-z/!?]/;

/** Whether the `&` at s[i] starts a character reference a browser would decode in text. */
function ampDecodes(s: string, i: number, to: number): boolean {
  // The longest entity name is 32 letters; numeric references are shorter than that in practice.
  const seg = s.slice(i, Math.min(to, i + 40));
  return decodeHTML(seg) !== '&' + decodeHTML(seg.slice(1));
}

/** Escapes s[from, to) for HTML text (only where needed), at `base` offsets of the original. */
function escapeInto(out: Out, s: string, from: number, to: number, base: number): void {
  let run = from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 /* & */ && ampDecodes(s, i, to)) {
      out.copy(base + run, s.slice(run, i)); out.replace(base + i, '&amp;'); run = i + 1;
    } else if (c === 60 /* < */ && TAG_START.test(s.charAt(i + 1)) && !BR_AT.test(s.slice(i, Math.min(to, i + 16)))) {
      out.copy(base + run, s.slice(run, i)); out.replace(base + i, '&lt;'); run = i + 1;
    }
  }
  out.copy(base + run, s.slice(run, to));
}

/** Undoes escapeInto: `&lt;` and `&amp;` (the only escapes it writes), in one pass. */
function unescapeInto(out: Out, s: string, from: number, to: number, base: number): void {
  const re = /&(amp|lt);/g;
  re.lastIndex = from;
  let run = from;
  const seg = s.slice(0, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg)) !== null) {
    out.copy(base + run, s.slice(run, m.index));
    out.replace(base + m.index, m[1] === 'amp' ? '&' : '<');
    run = m.index + m[0].length;
  }
  out.copy(base + run, s.slice(run, to));
}

const blank = (s: string, l: Line) => s.slice(l.start, l.end).trim() === '';

/** The style-A body for the English `u` (Markdown paragraphs); `base` is u's offset in the document. */
export function encodeEnglishA(u: string, base = 0): Encoded {
  const out = new Out();
  const lines = splitLines(u);
  let i = 0;
  while (i < lines.length && blank(u, lines[i])) i++;
  while (i < lines.length) {
    const l = lines[i];
    let j = i + 1;
    while (j < lines.length && blank(u, lines[j])) j++;
    const content = u.slice(l.start, l.end);
    if (j >= lines.length) { escapeInto(out, u, l.start, l.end, base); break; }
    if (j > i + 1) {
      escapeInto(out, u, l.start, l.end, base);
      out.put('<br><br>');
      out.copy(base + l.end, l.eol);
    } else {
      const backslashes = /\\*$/.exec(content)![0].length;
      if (backslashes % 2 === 1) {
        if (/ {2,}\\$/.test(content)) {
          // Spaces before the backslash would read as the two-space form: the last one is written `&#32;`.
          escapeInto(out, u, l.start, l.end - 2, base);
          out.replace(base + l.end - 2, '&#32;');
        } else escapeInto(out, u, l.start, l.end - 1, base);
        out.replace(base + l.end - 1, '<br>');
      } else {
        escapeInto(out, u, l.start, l.end, base);
        if (/ {2,}$/.test(content)) out.put('<br>');
      }
      out.copy(base + l.end, l.eol);
    }
    i = j;
  }
  return out;
}

/** The English (Markdown) for a style-A body `p`; `base` is p's offset in the document. Inverse of encodeEnglishA. */
export function decodeEnglishA(p: string, base = 0): Encoded {
  const out = new Out();
  const lines = splitLines(p);
  let first = 0, last = lines.length - 1;
  // `<p class="english-text">` alone on its line, or `</p>` on the next: drop those empty edges.
  while (first < last && blank(p, lines[first])) first++;
  while (last > first && blank(p, lines[last])) last--;
  for (let i = first; i <= last; i++) {
    const l = lines[i];
    const content = p.slice(l.start, l.end);
    if (i === last) { unescapeInto(out, p, l.start, l.end, base); break; }
    if (content.endsWith('<br><br>')) {
      unescapeInto(out, p, l.start, l.end - 8, base);
      out.copy(base + l.end, l.eol);
      out.put(l.eol);
    } else if (content.endsWith('<br>')) {
      const pre = content.slice(0, -4);
      if (pre.endsWith(' &#32;')) {
        unescapeInto(out, p, l.start, l.end - 9, base);
        out.replace(base + l.end - 9, ' \\');
      } else {
        unescapeInto(out, p, l.start, l.end - 4, base);
        if (!/ {2,}$/.test(pre)) out.replace(base + l.end - 4, '\\');
      }
      out.copy(base + l.end, l.eol);
    } else {
      unescapeInto(out, p, l.start, l.end, base);
      out.copy(base + l.end, l.eol);
    }
  }
  return out;
}

// Emphasis, strong, code spans and links: Markdown an HTML block shows as typed.
const INLINE_MARKDOWN = /\*\*[^*\n]+\*\*|__[^_\n]+__|(^|[\s(])\*[^*\s][^*\n]*\*(?=[\s).,;:!?]|$)|`[^`\n]+`|\[[^\]\n]+\]\([^)\n]+\)/m;

/** Whether English text has Markdown formatting that a style-A block would show literally (`**Host**:`). */
export function hasInlineMarkdown(u: string): boolean { return INLINE_MARKDOWN.test(u); }

/** The message about Markdown shown literally in `n` style-A blocks. */
export function literalMarkdownMessage(n: number): string {
  return `${n} of the English block${n > 1 ? 's' : ''} hold${n > 1 ? '' : 's'} Markdown (like **bold** or links) that the site shows as typed inside <p class="english-text">; style B blocks render it.`;
}

/** A whole block holding the English `u` (at document offset `base`), with the moves of u's text into it. */
export function buildBlock(u: string, style: BlockStyleName, label: string, eol: string, base = 0): Encoded {
  if (style === 'A') {
    const body = encodeEnglishA(u, base);
    const b = englishBlockText(body.text, 'A', label, eol);
    return { text: b.text, moves: body.moves.map(m => ({ ...m, dst: m.dst + b.cursor })) };
  }
  const b = englishBlockText(u, 'B', label, eol);
  return { text: b.text, moves: u ? [{ src: base, dst: b.cursor, len: u.length }] : [] };
}

/** Why a block cannot be unwrapped or restyled safely (its English has no reliable bounds), if it cannot. */
export function unwrapProblem(e: EnglishBlock): string | undefined {
  if (!e.closed) return 'it has no `</details>`';
  if (e.closeTypo) return 'its `</details>` is misspelled';
  if (e.style === 'A' && !e.pClosed) return 'its `<p class="english-text">` is never closed';
  if (e.trailing) return 'there is text after `</details>` on the same line';
  if (e.stray.length) return `it holds a stray \`${e.stray[0].tag}\``;
  return undefined;
}

/** The English of a block as a Markdown paragraph, with the moves from the block's text. */
export function blockEnglish(post: Post, e: EnglishBlock): Encoded {
  const text = post.text;
  if (e.style === 'A') return decodeEnglishA(text.slice(e.textStart, e.textEnd), e.textStart);
  // B and C: the whole lines between the summary and `</details>`, so indentation and trailing spaces survive.
  const lines = post.lines;
  const firstLine = lines.lineAt(e.textStart), lastLine = lines.lineAt(e.textEnd);
  const start = firstLine > e.summaryLine && text.slice(lines.lineStarts[firstLine], e.textStart).trim() === '' ? lines.lineStarts[firstLine] : e.textStart;
  const closeLine = e.closeStart !== undefined ? lines.lineAt(e.closeStart) : lastLine + 1;
  const end = closeLine > lastLine ? lines.lineEnd(lastLine) : e.textEnd;
  if (e.textEnd <= e.textStart) return { text: '', moves: [] };
  return { text: text.slice(start, end), moves: [{ src: start, dst: 0, len: end - start }] };
}

export interface LabelConfig { defaultLabel: string; acceptedLabels: readonly string[] }

const B_DEFAULT = 'Original English';

/** The label a new block of `style` gets in this post: the post's own most used accepted label, else the default. */
export function newBlockLabel(post: Post, style: BlockStyleName, config: LabelConfig): string {
  const counts = new Map<string, number>();
  for (const e of post.english) {
    if (e.style !== style || !e.label || !config.acceptedLabels.includes(e.label)) continue;
    counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  }
  let best: string | undefined, n = 0;
  for (const [l, c] of counts) if (c > n) { best = l; n = c; }
  return best ?? (style === 'A' ? config.defaultLabel : B_DEFAULT);
}

export interface AuthoringOptions {
  /** The block style; the post's dominant style (A when it has none) by default. */
  style?: BlockStyleName;
  /** The summary label; the post's usual label for the style by default. */
  label?: string;
  config: LabelConfig;
}

function styleAndLabel(post: Post, opts: AuthoringOptions): { style: BlockStyleName; label: string } {
  const style = opts.style ?? dominantStyle(post);
  return { style, label: opts.label ?? newBlockLabel(post, style, opts.config) };
}

/**
 * Wrap: the English paragraph(s) at each cursor or in each selection become one block (per run of consecutive
 * English paragraphs). Chinese paragraphs in a selection are left alone, so selecting a Chinese/English pair works.
 */
export function wrapEnglish(post: Post, selections: readonly OffsetSelection[], opts: AuthoringOptions): AuthoringResult {
  const { style, label } = styleAndLabel(post, opts);
  const eol = eolOf(post.text);
  const messages: string[] = [];
  const runs: number[][] = [];
  // A block labelled as holding the Chinese original (the blog has a few) wraps Chinese paragraphs instead.
  const chineseOriginal = /chinese|中文/i.test(label);
  for (const s of selections) {
    const { from, to } = selectionLines(post, s);
    const idx = blocksInLines(post, from, to);
    const english = idx.filter(i => isWrappable(post.blocks[i], chineseOriginal));
    if (english.length === 0) {
      const what = idx.length === 1 || from === to ? describeBlock(post, from) : 'no English paragraph';
      messages.push(`Nothing to wrap at ${lineLabel(from)}: it is ${what}. Wrap in English Block works on English paragraphs${what.includes('Chinese') ? ' (to add English under a Chinese paragraph, use Insert English Block)' : ''}.`);
      continue;
    }
    let run: number[] = [];
    for (const i of english) {
      if (run.length && i !== run[run.length - 1] + 1) { runs.push(run); run = []; }
      run.push(i);
    }
    runs.push(run);
  }
  // Several cursors in one paragraph, or overlapping selections, make one block; separate cursors, separate blocks.
  runs.sort((a, b) => a[0] - b[0]);
  const merged: number[][] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[last.length - 1]) {
      for (const i of r) if (!last.includes(i)) last.push(i);
      last.sort((a, b) => a - b);
    } else merged.push([...r]);
  }
  const edits: MappedEdit[] = [];
  const usedLines = new Set<number>();
  let literal = 0;
  for (const r of merged) {
    const first = post.blocks[r[0]] as TextBlock, last = post.blocks[r[r.length - 1]] as TextBlock;
    const u = post.text.slice(first.start, last.end);
    // A style-B body is Markdown kept verbatim: a `<details>` or `</details>` in it, or a line the parser takes for a
    // misspelled `</details>`, would open or end a block there.
    if (style === 'B' && (/<\/?details\b/i.test(u) || u.split('\n').some(l => { const m = /^\s*(<\/\s*d[a-z]{3,9}\s*>)\s*$/i.exec(l); return m !== null && closeLike(m[1]); }))) {
      messages.push(`Cannot wrap the English at ${lineLabel(first.line)} in a style-B block: a \`<details>\` tag in it (or a line like \`</detais>\`) would open or end a block there. Write it as \`&lt;details>\`, or wrap it in a style-A block.`);
      continue;
    }
    if (style === 'A' && hasInlineMarkdown(u)) literal++;
    const b = buildBlock(u, style, label, eol, first.start);
    const before = !isBlankLine(post, first.line - 1) && first.line > post.bodyLine && !usedLines.has(first.line - 1) ? eol : '';
    const after = !isBlankLine(post, last.endLine + 1) ? eol : '';
    usedLines.add(last.endLine + 1);
    edits.push({ start: first.start, end: last.end, newText: before + b.text + after, moves: b.moves.map(m => ({ ...m, dst: m.dst + before.length })), fallback: before.length + b.text.length });
  }
  if (literal) messages.push(literalMarkdownMessage(literal));
  return finishAuthoring(edits, selections, messages);
}

function isWrappable(b: Post['blocks'][number], chineseOriginal: boolean): b is TextBlock {
  return b.kind === 'text' && (paragraphLanguage(b.text) === 'zh') === chineseOriginal;
}

/** Unwrap: each English block at a cursor or in a selection goes back to a plain English paragraph. */
export function unwrapEnglish(post: Post, selections: readonly OffsetSelection[]): AuthoringResult {
  const eol = eolOf(post.text);
  const messages: string[] = [];
  const chosen = new Set<number>();
  for (const s of selections) {
    const { from, to } = selectionLines(post, s);
    const idx = blocksInLines(post, from, to).filter(i => post.blocks[i].kind === 'english');
    if (idx.length === 0) {
      messages.push(`Nothing to unwrap at ${lineLabel(from)}: it is ${describeBlock(post, from)}, not an English block. Put the cursor inside a <details> English block.`);
      continue;
    }
    for (const i of idx) chosen.add(i);
  }
  const edits: MappedEdit[] = [];
  const order = [...chosen].sort((a, b) => a - b);
  const ends = new Set<number>();
  for (const i of order) {
    const e = post.blocks[i] as EnglishBlock;
    const problem = unwrapProblem(e);
    if (problem) { messages.push(`Cannot unwrap the English block at ${lineLabel(e.line)}: ${problem}. Fix the block first (see its Quick Fix).`); continue; }
    const en = blockEnglish(post, e);
    if (en.text.trim() === '') { messages.push(`The English block at ${lineLabel(e.line)} is empty: there is no English to unwrap.`); continue; }
    const before = !isBlankLine(post, e.line - 1) && e.line > post.bodyLine && !ends.has(e.line - 1) ? eol : '';
    const after = !isBlankLine(post, e.endLine + 1) ? eol : '';
    ends.add(e.endLine);
    edits.push({ start: e.start, end: e.end, newText: before + en.text + after, moves: en.moves.map(m => ({ ...m, dst: m.dst + before.length })), fallback: before.length });
  }
  return finishAuthoring(edits, selections, messages);
}

/** Insert: an empty English block under the Chinese paragraph at each cursor, with the cursor inside it. */
export function insertEnglish(post: Post, selections: readonly OffsetSelection[], opts: AuthoringOptions): AuthoringResult {
  const { style, label } = styleAndLabel(post, opts);
  const eol = eolOf(post.text);
  const messages: string[] = [];
  const seen = new Set<number>();
  const edits: (MappedEdit & { cursor: number })[] = [];
  for (const s of selections) {
    const line = post.lines.lineAt(s.active);
    const hit = paragraphAtOrAbove(post, line);
    if (!hit) { messages.push(`Nothing to add English to at ${lineLabel(line)}: it is ${describeBlock(post, line)}. Put the cursor in a Chinese paragraph.`); continue; }
    const { block: b, index } = hit;
    if (seen.has(index)) continue;
    seen.add(index);
    if (paragraphLanguage(b.text) === 'en') { messages.push(`The paragraph at ${lineLabel(b.line)} is English: use Wrap in English Block to put it in a block.`); continue; }
    if (b.translation !== undefined) { messages.push(`The paragraph at ${lineLabel(b.line)} already has its English block (${lineLabel(post.blocks[b.translation].line)}).`); continue; }
    if (b.sectionTranslation !== undefined) { messages.push(`The paragraph at ${lineLabel(b.line)} is covered by its section's English source block (${lineLabel(post.blocks[b.sectionTranslation].line)}).`); continue; }
    const block = englishBlockText('', style, label, eol);
    const at = b.end;
    // Keep a blank line between `</details>` and whatever follows the paragraph.
    const after = at < post.text.length && !isBlankLine(post, b.endLine + 1) ? eol : '';
    edits.push({ start: at, end: at, newText: eol + eol + block.text + after, moves: [], fallback: 0, cursor: eol.length * 2 + block.cursor });
  }
  const result = finishAuthoring(edits, [], messages);
  // Each cursor goes inside its new block, shifted by the blocks inserted before it.
  edits.sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const e of edits) {
    const c = e.start + shift + e.cursor;
    result.selections.push({ anchor: c, active: c });
    shift += e.newText.length;
  }
  return result;
}

/** The text paragraph on `line`, or the one right above when the cursor is on the blank line after it. */
function paragraphAtOrAbove(post: Post, line: number): { block: TextBlock; index: number } | undefined {
  let hit = blockAtLine(post, line);
  if (!hit && isBlankLine(post, line)) {
    let l = line - 1;
    while (l >= post.bodyLine && isBlankLine(post, l) && l > line - 3) l--;
    hit = blockAtLine(post, l);
    if (hit && hit.block.endLine !== l) hit = undefined;
  }
  return hit && hit.block.kind === 'text' ? { block: hit.block, index: hit.index } : undefined;
}

