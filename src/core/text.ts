// Offsets, line/column positions and pure text edits shared by every core module.

/** 0-based line and UTF-16 column, as VS Code counts them. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** A replacement of text[start, end) by newText; offsets are UTF-16 code units. */
export interface TextEdit { start: number; end: number; newText: string }

/** Maps offsets to line/column and back; built once per text in one linear pass. */
export class LineIndex {
  /** lineStarts[i] is the offset of the first character of line i. */
  readonly lineStarts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) { starts.push(i + 1); i = text.indexOf('\n', i + 1); }
    this.lineStarts = starts;
  }
  get lineCount(): number { return this.lineStarts.length; }

  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0, hi = starts.length - 1;
    if (offset <= 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.lineStarts[line] };
  }
  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, pos.line)];
    return Math.min(start + pos.character, this.lineEnd(pos.line));
  }
  /** Offset just past the line's content (before \r\n or \n). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > this.lineStarts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }
  lineText(line: number): string { return this.text.slice(this.lineStarts[line], this.lineEnd(line)); }
  range(start: number, end: number): Range { return { start: this.positionAt(start), end: this.positionAt(end) }; }
}

/** Applies non-overlapping edits (any order) and returns the new text. Overlapping edits throw: a bug, not an input. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The line-ending the text mostly uses, so inserted text matches it. */
export function eolOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Whether a character code is `\s` as JavaScript's regexes and `trim()` know it. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** The offset of the first non-space character of text[from, to), or `to` when there is none. */
export function skipSpaces(text: string, from: number, to: number): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  return from;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
export function hasHan(s: string): boolean { return HAN.test(s); }
export function hasCjk(s: string): boolean { return CJK.test(s); }

/** Share of letters that are Han characters, counting each Han char and each Latin word once. */
export function hanRatio(s: string): number {
  let han = 0, latinWords = 0, inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) { han++; inWord = false; continue; }
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
    if (letter) { if (!inWord) latinWords++; inWord = true; } else inWord = false;
  }
  const total = han + latinWords;
  return total === 0 ? 0 : han / total;
}

/** Levenshtein distance, bounded: returns max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
export function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
