// The post model: front matter plus body blocks with exact ranges, and each English block paired with what it translates.
import { parseFrontMatter, type FrontMatter } from './frontmatter';
import { LineIndex, hasHan, isSpace } from './text';

/** A Chinese (or other) text unit that an English block can translate. */
export type UnitKind = 'paragraph' | 'turn' | 'speaker' | 'list-item' | 'quote';

interface BlockBase {
  /** Offsets: start of the first line, end of the last line's content. */
  start: number;
  end: number;
  /** 0-based first and last line. */
  line: number;
  endLine: number;
}
export interface HeadingBlock extends BlockBase { kind: 'heading'; level: number; text: string }
export interface TextBlock extends BlockBase {
  kind: 'text';
  unit: UnitKind;
  text: string;
  hasChinese: boolean;
  /** Index into Post.blocks of the English block that translates it (per paragraph, styles A/B). */
  translation?: number;
  /** Index of a style-C block that covers its section. */
  sectionTranslation?: number;
}
export interface CodeBlock extends BlockBase { kind: 'code' }
export interface HtmlBlock extends BlockBase { kind: 'html'; stray?: 'details-close' }
export interface CommentBlock extends BlockBase { kind: 'comment' }
export interface OtherBlock extends BlockBase { kind: 'table' | 'hr' }

export type BlockStyle = 'A' | 'B' | 'C';
export type SummaryClose = 'summary' | 'p' | 'none' | 'missing';

export interface EnglishBlock extends BlockBase {
  kind: 'english';
  style: BlockStyle;
  /** The summary line's label text and where it is. */
  label: string;
  labelStart: number;
  labelEnd: number;
  summaryLine: number;
  summaryClose: SummaryClose;
  /** For style A, the `<p ...>` opening tag; its class when present. */
  pOpen?: { start: number; end: number; className: string | null };
  pClosed: boolean;
  /** The English text between the tags (style A: inside <p>; B/C: the lines between summary and </details>). */
  text: string;
  textStart: number;
  textEnd: number;
  /** Offsets of `</details>`, when present. */
  closeStart?: number;
  closeEnd?: number;
  closed: boolean;
  /** The closing tag was misspelled (`</detais>`); closeStart/closeEnd cover it. */
  closeTypo?: boolean;
  /** Non-blank text on the `</details>` line after the tag. */
  trailing?: { start: number; end: number };
  /** Index of the text block it translates (styles A/B). */
  pairedWith?: number;
  /** All text blocks it translates: its section (C), or its paragraph and the ones before it that it also covers. */
  section?: number[];
  /** Other tags found inside the block where they do not belong. */
  stray: { start: number; end: number; tag: string }[];
  /** Extra `<` typed before `<details>` (`<<details>`), as offsets of the extra characters. */
  openJunk?: { start: number; end: number };
  /** The English starts on the line right after the summary (no blank line), as in style C. */
  rawAfterSummary: boolean;
  /** It is a style-C block: it translates its whole section, not one paragraph. */
  sectionLevel: boolean;
}

export type Block = HeadingBlock | TextBlock | CodeBlock | HtmlBlock | CommentBlock | OtherBlock | EnglishBlock;

export interface Post {
  text: string;
  lines: LineIndex;
  frontMatter?: FrontMatter;
  /** Offset and line where the body starts (after the front matter). */
  bodyStart: number;
  bodyLine: number;
  blocks: Block[];
  english: EnglishBlock[];
}

const DETAILS_OPEN = /^[ \t]{0,3}<{1,3}details(\s[^>]*)?>/i;
const HEADING = /^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)(.*)$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S/;
const HR = /^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const SPEAKER = /^\s*(?:>>\s*)?\*\*[^*\n]{1,60}?(?::\*\*|\*\*\s*[:：])/;
const HTML_START = /^[ \t]{0,3}<\/?[A-Za-z][\w-]*(\s|>|\/>|$)/;

/** Parses a whole post. Total: any input gives a Post, in time linear in its length. */
export function parsePost(text: string): Post {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text);
  const bodyStart = frontMatter ? frontMatter.end : (text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const bodyLine = bodyStart >= text.length && text.length > 0 && !text.endsWith('\n') ? lines.lineCount : lines.lineAt(bodyStart);
  const blocks = new BodyParser(text, lines, bodyStart).parse(bodyLine);
  const english = blocks.filter((b): b is EnglishBlock => b.kind === 'english');
  pair(blocks);
  return { text, lines, frontMatter, bodyStart, bodyLine, blocks, english };
}

/**
 * Whether a line whose first character after spaces and tabs is `c` could be anything but plain text: every block
 * regex below starts with one of these characters (or with `\s*`, which may skip other spaces first). Most lines of a
 * post start with a Han character and are settled by this one test instead of a dozen regexes.
 */
function mayStartBlock(c: number): boolean {
  switch (c) {
    case 60: case 35: case 96: case 126: case 45: case 42: case 95: case 43: case 124: case 62: return true; // < # ` ~ - * _ + | >
    default: return (c >= 48 && c <= 57) || isSpace(c) || c !== c; // digits, other spaces, or an empty line (NaN)
  }
}

class BodyParser {
  private readonly n: number;
  private readonly blocks: Block[] = [];
  private readonly starts: number[];
  constructor(private readonly text: string, private readonly lines: LineIndex, private readonly bodyStart: number) {
    this.n = lines.lineCount;
    this.starts = lines.lineStarts;
  }

  private line(i: number): string { return this.lines.lineText(i); }
  /** Whether line i is blank (or past the end): only spaces, as `trim()` sees them. Reads characters, slices nothing. */
  private blank(i: number): boolean {
    if (i >= this.n) return true;
    const text = this.text;
    const end = this.lines.lineEnd(i);
    for (let o = this.starts[i]; o < end; o++) if (!isSpace(text.charCodeAt(o))) return false;
    return true;
  }
  /** Leading spaces and tabs of line i, and the character after them (NaN at the line's end). */
  private lead(i: number): number {
    const text = this.text;
    let o = this.starts[i];
    for (let c = text.charCodeAt(o); c === 32 || c === 9; c = text.charCodeAt(++o));
    this.leadChar = o < this.lines.lineEnd(i) ? text.charCodeAt(o) : NaN;
    return o - this.starts[i];
  }
  /** Set by lead(): the first character after the line's leading spaces and tabs. */
  private leadChar = NaN;
  private span(line: number, endLine: number) {
    // The first body line may begin with a BOM that belongs to no block.
    const start = Math.max(this.starts[line], this.bodyStart);
    return { start, end: Math.max(start, this.lines.lineEnd(endLine)), line, endLine };
  }

  parse(from: number): Block[] {
    let i = from;
    while (i < this.n) {
      if (this.blank(i)) { i++; continue; }
      i = this.block(i);
    }
    return this.blocks;
  }

  /**
   * Parses the block starting at line i and returns the line after it. Each regex is tried only when the line's
   * first character allows it to match (`ind` leading spaces/tabs, then `c`), so a plain line costs no regex.
   */
  private block(i: number): number {
    const ind = this.lead(i), c = this.leadChar;
    const s = mayStartBlock(c) ? this.line(i) : '';
    if (ind <= 3 && (c === 96 || c === 126)) {
      const fence = FENCE.exec(s);
      if (fence) {
        const marker = fence[1];
        let j = i + 1;
        while (j < this.n && !this.line(j).trimStart().startsWith(marker)) j++;
        const endLine = Math.min(j, this.n - 1);
        this.blocks.push({ kind: 'code', ...this.span(i, endLine) });
        return endLine + 1;
      }
    }
    if (ind <= 3 && c === 60) {
      if (/^[ \t]{0,3}<!--/.test(s)) {
        let j = i;
        while (j < this.n && !this.line(j).includes('-->')) j++;
        const endLine = Math.min(j, this.n - 1);
        this.blocks.push({ kind: 'comment', ...this.span(i, endLine) });
        return endLine + 1;
      }
      const details = DETAILS_OPEN.exec(s);
      if (details && !/class\s*=/.test(details[1] ?? '')) return this.canonicalA(i, s) ?? this.details(i, details);
    }
    if (ind <= 3 && c === 35) {
      const h = HEADING.exec(s);
      if (h) {
        this.blocks.push({ kind: 'heading', level: h[1].length, text: h[2].replace(/[ \t]+#*[ \t]*$/, '').trim(), ...this.span(i, i) });
        return i + 1;
      }
    }
    if (ind <= 3 && (c === 45 || c === 42 || c === 95) && HR.test(s)) { this.blocks.push({ kind: 'hr', ...this.span(i, i) }); return i + 1; }
    if (ind <= 3 && c === 60 && HTML_START.test(s)) {
      // A raw HTML block runs to the next blank line, as in CommonMark (types 6 and 7).
      let j = i;
      while (j + 1 < this.n && !this.blank(j + 1) && !this.detailsOpens(j + 1)) j++;
      const stray = /^\s*<\/details>/i.test(s) ? 'details-close' as const : undefined;
      this.blocks.push({ kind: 'html', ...this.span(i, j), ...(stray ? { stray } : {}) });
      return j + 1;
    }
    if (c === 124) {
      let j = i;
      while (j + 1 < this.n && this.leadIs(j + 1, 124)) j++;
      this.blocks.push({ kind: 'table', ...this.span(i, j) });
      return j + 1;
    }
    // Text units: list items, quotes, turn lines, speaker lines and plain paragraphs.
    let unit: UnitKind = 'paragraph';
    if ((c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) && LIST_ITEM.test(s)) unit = 'list-item';
    else if (ind <= 3 && c === 62) unit = s.charCodeAt(ind + 1) === 62 ? 'turn' : 'quote';
    if (unit !== 'list-item' && (c === 42 || c === 62 || isSpace(c)) && SPEAKER.test(s)) unit = 'speaker';
    let j = i;
    while (j + 1 < this.n && !this.blank(j + 1) && !this.interrupts(j + 1, unit)) j++;
    // Built whole rather than spread from span(): text blocks are most of a post, and one shape keeps them cheap.
    const start = Math.max(this.starts[i], this.bodyStart), end = Math.max(start, this.lines.lineEnd(j));
    const body = this.text.slice(start, end);
    this.blocks.push({ kind: 'text', unit, text: body, hasChinese: hasHan(body), start, end, line: i, endLine: j });
    return j + 1;
  }

  /** Whether line i's first character after spaces and tabs is `c`. */
  private leadIs(i: number, c: number): boolean { this.lead(i); return this.leadChar === c; }

  private detailsOpens(i: number): boolean {
    return this.lead(i) <= 3 && this.leadChar === 60 && DETAILS_OPEN.test(this.line(i));
  }

  /** Whether line i ends the current text unit and starts a new block. */
  private interrupts(i: number, unit: UnitKind): boolean {
    const ind = this.lead(i), c = this.leadChar;
    if (!mayStartBlock(c)) return false;
    const s = this.line(i);
    if (ind <= 3 && c === 60 && (DETAILS_OPEN.test(s) || /^[ \t]{0,3}<!--/.test(s))) return true;
    if (ind <= 3 && ((c === 35 && HEADING.test(s)) || ((c === 96 || c === 126) && FENCE.test(s)))) return true;
    if ((c === 60 || isSpace(c)) && /^\s*<\/?details/i.test(s)) return true;
    if (ind <= 3 && (c === 45 || c === 42 || c === 95) && HR.test(s) && !/^\s*-{3,}\s*$/.test(s)) return true;
    if (ind <= 3 && c === 60 && /^[ \t]{0,3}<\/?(p|div|table|summary|section|blockquote|ul|ol|h[1-6]|hr|pre)\b/i.test(s)) return true;
    // List items continue the unit: a list (and the paragraph introducing it) is translated as one.
    if ((c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) && LIST_ITEM.test(s)) return false;
    if (unit !== 'quote' && unit !== 'turn' && ind <= 3 && c === 62) return true;
    return false;
  }

  /** The summary line's findings: its label, where it is, how it is closed, and where the body starts. */
  private summary(line: number, from: number): { label: string; labelStart: number; labelEnd: number; close: SummaryClose; cursor: number } | undefined {
    const text = this.text;
    const lineEnd = this.lines.lineEnd(line);
    const rest = text.slice(from, lineEnd);
    const m = /^\s*<summary(\s[^>]*)?>/i.exec(rest);
    if (!m) return undefined;
    const inner = from + m.index + m[0].length;
    const restAfter = text.slice(inner, lineEnd);
    const close = /<\/(summary|p)\s*>/i.exec(restAfter);
    if (close) {
      const labelEnd = inner + close.index;
      return { label: text.slice(inner, labelEnd).trim(), labelStart: inner, labelEnd, close: close[1].toLowerCase() === 'summary' ? 'summary' : 'p', cursor: labelEnd + close[0].length };
    }
    const labelEnd = inner + restAfter.replace(/\s+$/, '').length;
    return { label: text.slice(inner, labelEnd).trim(), labelStart: inner, labelEnd, close: 'none', cursor: lineEnd };
  }

  /**
   * The shape nearly every block of the blog has, read with plain string tests instead of the general scanner:
   *
   *     <details>
   *     <summary>LABEL</summary>
   *     <p class="english-text">ENGLISH</p>
   *     </details>
   *
   * each line exactly that, LABEL and ENGLISH without `</`. On these lines the general scanner below finds exactly
   * this (no other tag can match, so every regex it runs has one possible answer); anything else goes to it.
   */
  private canonicalA(i: number, s: string): number | undefined {
    if (s !== '<details>' || i + 3 >= this.n) return undefined;
    const text = this.text, lines = this.lines, starts = this.starts;
    const s1 = starts[i + 1], e1 = lines.lineEnd(i + 1);
    if (!text.startsWith('<summary>', s1) || !text.startsWith('</summary>', e1 - 10)) return undefined;
    // The first `</` after the label (and after the English) must be the line's closing tag.
    const labelStart = s1 + 9, labelEnd = e1 - 10;
    if (labelEnd < labelStart || text.indexOf('</', labelStart) !== labelEnd) return undefined;
    const s2 = starts[i + 2], e2 = lines.lineEnd(i + 2);
    if (!text.startsWith('<p class="english-text">', s2) || !text.startsWith('</p>', e2 - 4)) return undefined;
    const textStart = s2 + 24, textEnd = e2 - 4;
    if (textEnd < textStart || text.indexOf('</', textStart) !== textEnd) return undefined;
    const s3 = starts[i + 3], e3 = lines.lineEnd(i + 3);
    if (e3 - s3 !== 10 || !text.startsWith('</details>', s3)) return undefined;
    this.blocks.push({
      kind: 'english', style: 'A', start: Math.max(starts[i], this.bodyStart), end: e3, line: i, endLine: i + 3,
      label: text.slice(labelStart, labelEnd).trim(), labelStart, labelEnd, summaryLine: i + 1, summaryClose: 'summary',
      pOpen: { start: s2, end: textStart, className: 'english-text' }, pClosed: true,
      text: text.slice(textStart, textEnd), textStart, textEnd, closeStart: s3, closeEnd: e3, closed: true, trailing: undefined, stray: [],
      rawAfterSummary: false, sectionLevel: false,
    });
    return i + 4;
  }

  /** A `<details>` block: English (styles A/B/C) when it has an English-ish summary or english-text body. */
  private details(i: number, open: RegExpExecArray): number {
    const lines = this.lines;
    const text = this.text;
    const detailsLineText = this.line(i);
    const lineStart = lines.lineStarts[i];
    let cursor = lineStart + open.index + open[0].length; // offset just after <details>
    const lt = /^[ \t]*(<+)/.exec(detailsLineText)!;
    const openJunk = lt[1].length > 1 ? { start: lineStart + lt[0].length - lt[1].length, end: lineStart + lt[0].length - 1 } : undefined;
    let j = i;
    // Summary: on the same line or on the next non-blank line.
    let label = '', labelStart = cursor, labelEnd = cursor, summaryLine = i, summaryClose: SummaryClose = 'missing';
    const stray: EnglishBlock['stray'] = [];
    let sum = this.summary(i, cursor);
    if (!sum) {
      let k = i + 1;
      while (k < this.n && this.blank(k) && k < i + 3) k++;
      if (k < this.n && (sum = this.summary(k, lines.lineStarts[k]))) j = k;
    }
    if (sum) { summaryLine = j; ({ label, labelStart, labelEnd, close: summaryClose, cursor } = sum); }
    if (summaryClose === 'missing') cursor = lines.lineEnd(i);

    // Body: scan to </details>, bounded by anything that cannot be inside a block.
    let pOpen: EnglishBlock['pOpen'];
    let pClosed = false;
    let textStart = -1, textEnd = -1;
    let closeStart: number | undefined, closeEnd: number | undefined;
    let lastContentLine = j;
    let styleA = false;
    let k = j;
    let pos = cursor;
    let sawBlankAfterP = false;
    let closeTypo = false;
    outer: while (k < this.n) {
      const lineEnd = lines.lineEnd(k);
      const segment = text.slice(pos, lineEnd);
      if (k > j) {
        if (segment.trim() === '') {
          if (styleA && pOpen && !pClosed) { textEnd = textEnd < 0 ? pos : textEnd; break; }
          if (styleA && pClosed) sawBlankAfterP = true;
          k++; pos = k < this.n ? lines.lineStarts[k] : text.length; continue;
        }
        if (DETAILS_OPEN.test(segment) || HEADING.test(segment)) break;
        const typo = /^\s*(<\/\s*d[a-z]{3,9}\s*>)\s*$/i.exec(segment);
        if (typo && typo[1].toLowerCase() !== '</details>' && closeLike(typo[1])) {
          closeStart = pos + segment.indexOf(typo[1]); closeEnd = closeStart + typo[1].length; closeTypo = true; lastContentLine = k;
          if (styleA && pOpen && !pClosed && textEnd < 0) textEnd = pos;
          break;
        }
        if (styleA && pClosed && !/^\s*<\/details>/i.test(segment) && !/^\s*(<\/?[A-Za-z][^>]*>\s*)+$/.test(segment)) break;
        if (sawBlankAfterP) break;
      }
      // Look for tags on this segment in order.
      let local = segment;
      let base = pos;
      while (local.length) {
        if (styleA && pOpen && !pClosed) {
          const pc = /<\/p\s*>/i.exec(local);
          const dc = /<\/details\s*>/i.exec(local);
          if (pc && (!dc || pc.index < dc.index)) {
            textEnd = base + pc.index; pClosed = true;
            base += pc.index + pc[0].length; local = local.slice(pc.index + pc[0].length); lastContentLine = k; continue;
          }
          if (dc) {
            const before = local.slice(0, dc.index);
            if (before.trim() !== '' || textEnd < 0) textEnd = base + before.replace(/\s+$/, '').length;
            closeStart = base + dc.index; closeEnd = closeStart + dc[0].length; lastContentLine = k;
            break outer;
          }
          lastContentLine = k; textEnd = base + local.replace(/\s+$/, '').length; local = ''; continue;
        }
        const dc = /<\/details\s*>/i.exec(local);
        const po = !styleA && textStart < 0 ? /<p(\s[^>]*)?>/i.exec(local) : null;
        if (po && (!dc || po.index < dc.index) && local.slice(0, po.index).trim() === '') {
          const cls = /class\s*=\s*["']?([^"'>\s]*)/i.exec(po[1] ?? '');
          pOpen = { start: base + po.index, end: base + po.index + po[0].length, className: cls ? cls[1] : null };
          styleA = true; textStart = pOpen.end; textEnd = textStart;
          base += po.index + po[0].length; local = local.slice(po.index + po[0].length); lastContentLine = k; continue;
        }
        if (dc) {
          const before = local.slice(0, dc.index);
          if (before.trim() !== '') {
            if (textStart < 0) textStart = base + (before.length - before.trimStart().length);
            textEnd = base + before.replace(/\s+$/, '').length;
          }
          closeStart = base + dc.index; closeEnd = closeStart + dc[0].length; lastContentLine = k;
          break outer;
        }
        if (local.trim() !== '') {
          const lead = local.length - local.trimStart().length;
          if (textStart < 0 && !styleA) textStart = base + lead;
          else if (styleA && pClosed) {
            const tag = /^\s*(<[^>]*>?)/.exec(local);
            stray.push({ start: base + lead, end: base + local.replace(/\s+$/, '').length, tag: tag ? tag[1] : local.trim().slice(0, 20) });
          }
          if (!styleA) textEnd = base + local.replace(/\s+$/, '').length;
          lastContentLine = k;
        }
        local = '';
      }
      k++; pos = k < this.n ? lines.lineStarts[k] : text.length;
    }
    const closed = closeStart !== undefined;
    const endLine = closed ? lines.lineAt(closeEnd!) : lastContentLine;
    if (textStart < 0) { textStart = cursor; textEnd = cursor; }
    if (textEnd < textStart) textEnd = textStart;
    let trailing: EnglishBlock['trailing'];
    if (closed) {
      const le = lines.lineEnd(endLine);
      const after = text.slice(closeEnd!, le);
      if (after.trim() !== '') trailing = { start: closeEnd! + (after.length - after.trimStart().length), end: closeEnd! + after.replace(/\s+$/, '').length };
    }
    const body = text.slice(textStart, textEnd);
    const isEnglishLabel = /original|english|英文|原文|view\/hide|veiw|v\/hide/i.test(label);
    if (!styleA && !isEnglishLabel && summaryClose !== 'missing') {
      // Some other <details> (e.g. an author's own collapsible): plain HTML.
      this.blocks.push({ kind: 'html', ...this.span(i, endLine) });
      return endLine + 1;
    }
    const style: BlockStyle = styleA ? 'A' : /source/i.test(label) ? 'C' : 'B';
    const rawAfterSummary = !styleA && body.trim() !== '' && lines.lineAt(textStart) === summaryLine + 1;
    this.blocks.push({
      kind: 'english', style, ...this.span(i, endLine), end: closed ? closeEnd! + (trailing ? lines.lineEnd(endLine) - closeEnd! : 0) : lines.lineEnd(endLine),
      label, labelStart, labelEnd, summaryLine, summaryClose, pOpen, pClosed: styleA ? pClosed : true,
      text: body, textStart, textEnd, closeStart, closeEnd, closed, trailing, stray,
      ...(openJunk ? { openJunk } : {}), ...(closeTypo ? { closeTypo } : {}), rawAfterSummary, sectionLevel: style === 'C',
    });
    return endLine + 1;
  }
}

/** A misspelled `</details>` (`</detais>`, `</detials>`): same letters give or take two. */
export function closeLike(tag: string): boolean {
  const t = tag.toLowerCase().replace(/\s+/g, '');
  if (t === '</details>') return false;
  let d = 0;
  const a = t, b = '</details>';
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  d = dp[a.length][b.length];
  return d <= 2;
}

/** Pairs each English block with the text unit it follows (A/B) or the section it closes (C). */
function pair(blocks: Block[]): void {
  let sectionStart = 0;
  let runStart = 0; // first block after the last heading or English block
  void runStart;
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    if (blk.kind === 'heading') { sectionStart = b + 1; runStart = b + 1; continue; }
    if (blk.kind !== 'english') continue;
    runStart = b + 1;
    if (blk.style === 'C') {
      const section: number[] = [];
      for (let k = sectionStart; k < b; k++) {
        const t = blocks[k];
        if (t.kind === 'text') { section.push(k); t.sectionTranslation = b; }
      }
      blk.section = section;
      sectionStart = b + 1;
      continue;
    }
    let p = b - 1;
    while (p >= 0 && blocks[p].kind === 'comment') p--;
    const prev = p >= 0 ? blocks[p] : undefined;
    if (prev && prev.kind === 'text' && prev.translation === undefined) {
      prev.translation = b;
      blk.pairedWith = p;
    }
  }
  extendByLength(blocks);
}

/**
 * Authors sometimes give two or three paragraphs one English block after the last of them. Such a block
 * is far longer than its paragraph's translation would be; when counting the untranslated paragraphs
 * just before it brings the English/Chinese length ratio closer to the post's usual ratio, they count as
 * translated by it. A block of normal length never covers more than its own paragraph.
 */
function extendByLength(blocks: Block[]): void {
  const ratios: number[] = [];
  for (const blk of blocks) {
    if (blk.kind !== 'english' || blk.pairedWith === undefined) continue;
    const z = (blocks[blk.pairedWith] as TextBlock).text.length;
    if (z > 20 && blk.text.length > 20) ratios.push(blk.text.length / z);
  }
  if (ratios.length < 3) return;
  ratios.sort((a, b) => a - b);
  const r = ratios[ratios.length >> 1];
  const misfit = (en: number, zh: number) => Math.abs(Math.log(en / zh / r));
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    if (blk.kind !== 'english' || blk.pairedWith === undefined || blk.text.length < 20) continue;
    let covered = (blocks[blk.pairedWith] as TextBlock).text.length;
    let k = blk.pairedWith - 1;
    const extra: number[] = [];
    while (k >= 0) {
      const t = blocks[k];
      if (t.kind === 'comment') { k--; continue; }
      if (t.kind !== 'text' || !t.hasChinese || t.translation !== undefined || t.sectionTranslation !== undefined) break;
      const now = misfit(blk.text.length, covered);
      if (now < Math.log(1.6) || misfit(blk.text.length, covered + t.text.length) >= now) break;
      covered += t.text.length;
      extra.unshift(k);
      k--;
    }
    if (extra.length) {
      for (const i of extra) (blocks[i] as TextBlock).translation = b;
      blk.section = extra.concat(blk.pairedWith);
    }
  }
}

/** Text blocks a reader sees as Chinese prose. */
export function isChineseUnit(b: Block): b is TextBlock {
  return b.kind === 'text' && b.hasChinese;
}
