// Shared plumbing of the authoring commands: results with cursor positions, offset mapping and paragraph language.
import type { Block, Post, TextBlock } from './post';
import { hanRatio, type TextEdit } from './text';

/** A selection as offsets: `active` is where the cursor is, `anchor` where the selection started. */
export interface OffsetSelection { anchor: number; active: number }

/** What an authoring command does: the edits (one undo step), where the cursors go, and why anything was left alone. */
export interface AuthoringResult {
  edits: TextEdit[];
  /** Selections after the edits, as offsets into the new text (empty when the command changes nothing). */
  selections: OffsetSelection[];
  /** Messages for the author: why a cursor's place was skipped, or what was done when it is not obvious. */
  messages: string[];
}

/** Old text [src, src+len) reappears in an edit's new text at [dst, dst+len) (dst relative to newText). */
export interface TextMove { src: number; dst: number; len: number }

/** An edit that knows where the text it replaces went, so cursors inside it can follow their text. */
export interface MappedEdit extends TextEdit {
  moves: TextMove[];
  /** Where a cursor inside the replaced range that no move covers goes, relative to newText. */
  fallback: number;
}

/** Maps an offset of the old text to the new text, through sorted, non-overlapping edits. */
export function mapOffset(edits: readonly MappedEdit[], offset: number): number {
  let delta = 0;
  for (const e of edits) {
    if (offset < e.start) break;
    if (offset <= e.end) {
      for (const m of e.moves) {
        if (m.src <= offset && offset <= m.src + m.len) return e.start + delta + m.dst + (offset - m.src);
      }
      // A cursor at an insertion point stays before what is inserted; one at the end of a replacement goes after it.
      if (e.start === e.end) return offset + delta;
      if (offset === e.end) return e.start + delta + e.newText.length;
      return e.start + delta + e.fallback;
    }
    delta += e.newText.length - (e.end - e.start);
  }
  return offset + delta;
}

/** Sorts edits, maps the selections through them and strips the mapping data. */
export function finishAuthoring(edits: MappedEdit[], selections: readonly OffsetSelection[], messages: string[]): AuthoringResult {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.length === 0) return { edits: [], selections: [], messages };
  return {
    edits: sorted.map(e => ({ start: e.start, end: e.end, newText: e.newText })),
    selections: selections.map(s => ({ anchor: mapOffset(sorted, s.anchor), active: mapOffset(sorted, s.active) })),
    messages,
  };
}

export type Language = 'en' | 'zh' | 'unclear' | 'none';

// A speaker label ("**Host**:", "**Host:**", "Barry Diller:", ">> ") says nothing about the paragraph's language.
const LABEL = /^\s*(?:>>\s*)?(?:\*\*[^*\n]{1,60}?(?::\*\*|\*\*\s*[:：])|[A-Z\u4e00-\u9fff][\w\u4e00-\u9fff .'’-]{0,40}[:：](?=\s))\s*(?:>>\s*)?/;
// Glossary explanations `（English: 中文解释）` are in the other language by design.
const PARENS = /（[^）\n]*）|\([^)\n]*\)/g;

/** The language of a paragraph, ignoring speaker labels and parenthesised glossary notes. */
export function paragraphLanguage(text: string): Language {
  const label = LABEL.exec(text);
  const core = (label ? text.slice(label[0].length) : text).replace(PARENS, ' ');
  const r = hanRatio(core);
  if (r === 0) {
    const words = core.match(/[A-Za-z]+/g)?.length ?? 0;
    // "武律: OK。": a few Latin words under a Chinese label, or with Chinese punctuation, are a Chinese line.
    if (words <= 3 && (/[\u3000-\u303f\uff01-\uff1f]/.test(core) || (label && hanRatio(label[0]) > 0))) return 'zh';
    if (words > 0) return 'en';
    // Only a label and a parenthesis, or no letters at all: judge the whole text, else it has no language.
    const whole = hanRatio(text);
    if (whole === 0) return /[A-Za-z]/.test(text) ? 'en' : 'none';
    return whole >= 0.5 ? 'zh' : 'unclear';
  }
  if (r >= 0.5) return 'zh';
  if (r <= 0.25) return 'en';
  return 'unclear';
}

/** The body block whose lines contain `line`, if any (blocks are in line order). */
export function blockAtLine(post: Post, line: number): { block: Block; index: number } | undefined {
  const blocks = post.blocks;
  let lo = 0, hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (line < b.line) hi = mid - 1;
    else if (line > b.endLine) lo = mid + 1;
    else return { block: b, index: mid };
  }
  return undefined;
}

/** Indices of the blocks that share at least one line with lines [from, to]. */
export function blocksInLines(post: Post, from: number, to: number): number[] {
  const out: number[] = [];
  post.blocks.forEach((b, i) => { if (b.endLine >= from && b.line <= to) out.push(i); });
  return out;
}

/** The first and last line a selection covers; a selection ending at column 0 does not take that line. */
export function selectionLines(post: Post, s: OffsetSelection): { from: number; to: number } {
  const a = Math.min(s.anchor, s.active), b = Math.max(s.anchor, s.active);
  const from = post.lines.lineAt(a);
  let to = post.lines.lineAt(b);
  if (b > a && to > from && post.lines.lineStarts[to] === b) to--;
  return { from, to };
}

/** Whether a line is empty or whitespace only (lines past the end count as blank). */
export function isBlankLine(post: Post, line: number): boolean {
  return line < 0 || line >= post.lines.lineCount || post.lines.lineText(line).trim() === '';
}

/** "line 12" (1-based, as the editor shows it). */
export function lineLabel(line: number): string { return `line ${line + 1}`; }

/** A short quote of a paragraph for messages and outline entries. */
export function paragraphExcerpt(text: string, max = 24): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max) + '…' : one;
}

/** What a cursor is on, in words, for "cannot do that here" messages. */
export function describeBlock(post: Post, line: number): string {
  const fm = post.frontMatter;
  if (fm && line < post.bodyLine) return 'the front matter';
  const hit = blockAtLine(post, line);
  if (!hit) return 'a blank line';
  const b = hit.block;
  switch (b.kind) {
    case 'heading': return 'a heading';
    case 'english': return 'an English block';
    case 'code': return 'a code block';
    case 'comment': return 'an HTML comment';
    case 'html': return 'an HTML block';
    case 'table': return 'a table';
    case 'hr': return 'a horizontal rule';
    default: return describeText(b);
  }
}

function describeText(b: TextBlock): string {
  const lang = paragraphLanguage(b.text);
  return lang === 'zh' ? 'a Chinese paragraph' : lang === 'en' ? 'an English paragraph' : 'a paragraph';
}
