// Front matter: locates the YAML block and every key, value and list item in it, with a fast path for flat YAML.
import * as l10n from '@vscode/l10n';
import { parseDocument, isMap, isScalar, isSeq, isPair, isAlias, type Node as YamlNode } from 'yaml';

export type FmPrimitive = string | number | boolean | null;

export interface FmItem { value: FmPrimitive; raw: string; start: number; end: number; quoted: boolean }
export interface FmScalar extends FmItem { kind: 'scalar' }
export interface FmList { kind: 'list'; items: FmItem[]; flow: boolean; start: number; end: number }
/** Anything that is neither a scalar nor a list of scalars (nested maps, lists of maps, aliases). */
export interface FmOther { kind: 'other'; start: number; end: number }
export type FmValue = FmScalar | FmList | FmOther;

export interface FmEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** From the key to the end of its value (the last list item's end for block lists). */
  start: number;
  end: number;
  value: FmValue;
}

export interface FmError { message: string; start: number; end: number; fix?: { title: string; start: number; end: number; newText: string } }

export interface FrontMatter {
  /** Offset of the opening `---` (after a BOM) and just past the closing fence line. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  closed: boolean;
  entries: FmEntry[];
  errors: FmError[];
  /** How block list items are indented in this post ('' or '  '), so edits keep the post's style. */
  listIndent: string | null;
  /** True when the flat-YAML scanner handled it; false when the full YAML parser was needed. */
  fastPath: boolean;
}

const FENCE = /^-{3,}[ \t]*\r?$/;
const CLOSE = /^(-{3,}|\.\.\.)[ \t]*\r?$/;

/** Finds and parses the front matter at the top of a post; undefined when the post has none. */
export function parseFrontMatter(text: string, options: { forceYaml?: boolean } = {}): FrontMatter | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEol = text.indexOf('\n', start);
  const firstLine = text.slice(start, firstEol === -1 ? text.length : firstEol);
  if (!FENCE.test(firstLine)) return undefined;
  const contentStart = firstEol === -1 ? text.length : firstEol + 1;
  // Eleventy (gray-matter) takes exactly three dashes; `----` makes the whole block body text.
  const badFence = firstLine.replace(/[ \t\r]+$/, '') !== '---';
  // Find the closing fence line by line.
  let pos = contentStart;
  let contentEnd = -1, end = -1;
  while (pos < text.length) {
    const eol = text.indexOf('\n', pos);
    const lineEnd = eol === -1 ? text.length : eol;
    const line = text.slice(pos, lineEnd);
    if (CLOSE.test(line)) { contentEnd = pos; end = eol === -1 ? text.length : eol + 1; break; }
    pos = eol === -1 ? text.length : eol + 1;
  }
  const errors: FmError[] = [];
  let closed = true;
  if (contentEnd === -1) {
    // No closing fence: take the YAML-looking lines as the front matter so the body still parses.
    closed = false;
    contentEnd = guessUnclosedEnd(text, contentStart);
    end = contentEnd;
    const nl = text.charCodeAt(contentEnd - 1) === 10 || contentEnd === 0 ? '' : '\n';
    errors.push({ message: l10n.t('The front matter has no closing `---` line, so the site shows it as text.'), start, end: start + 3,
      fix: { title: l10n.t('Close the front matter with `---`'), start: contentEnd, end: contentEnd, newText: `${nl}---\n` } });
  }
  if (badFence) {
    const fenceEnd = start + firstLine.replace(/[ \t\r]+$/, '').length;
    errors.push({ message: l10n.t('The front matter fence must be exactly `---`; the site shows this block as text.'), start, end: fenceEnd,
      fix: { title: l10n.t('Use `---` as the fence'), start, end: fenceEnd, newText: '---' } });
  }
  const closeText = text.slice(contentEnd, end).replace(/[ \t\r\n]+$/, '');
  if (closed && closeText !== '---' && closeText !== '...') {
    errors.push({ message: l10n.t('The closing front matter fence must be exactly `---`.'), start: contentEnd, end: contentEnd + closeText.length,
      fix: { title: l10n.t('Use `---` as the fence'), start: contentEnd, end: contentEnd + closeText.length, newText: '---' } });
  }
  const fm: FrontMatter = { start, end, contentStart, contentEnd, closed, entries: [], errors, listIndent: null, fastPath: true };
  const lines = countLines(text, contentStart, contentEnd, MAX_LINES + 1);
  if (lines > MAX_LINES) {
    // Real front matter is a few dozen lines; this much is a pasted file or an attack, and reading it key by key
    // (the YAML parser checks duplicate keys pairwise) would stall the editor.
    errors.push({ message: l10n.t('The front matter is over {0} lines long; it is not read. A post\'s front matter is a short list of `key: value` lines.', MAX_LINES), start, end: start + 3 });
    return fm;
  }
  const fast = options.forceYaml ? undefined : scanFlat(text, contentStart, contentEnd);
  if (fast) {
    fm.entries = fast.entries;
    fm.listIndent = fast.listIndent;
  } else {
    fm.fastPath = false;
    parseWithYaml(text, fm);
  }
  return fm;
}

/** Front matter longer than this is refused unread. The longest in the blog's 9,761 posts is under 150 lines. */
export const MAX_LINES = 1000;
/** Flow collections or indentation nested deeper than this are refused before the (recursive) YAML parser sees them. */
export const MAX_DEPTH = 64;

function countLines(text: string, from: number, to: number, max: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to && n < max; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The deepest nesting of `[`/`{` (outside quotes) or of indentation levels in YAML source. */
function nestingDepth(src: string): number {
  let depth = 0, max = 0, quote = '';
  const indents: number[] = [];
  for (const line of src.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '' && !quote) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      max = Math.max(max, indents.length);
    }
    for (let i = indent; i < line.length; i++) {
      const c = line[i];
      if (quote) { if (c === '\\' && quote === '"') i++; else if (c === quote) quote = ''; continue; }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(line[i - 1])))) quote = c;
      else if (c === '[' || c === '{') max = Math.max(max, ++depth);
      else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
    if (quote === "'") quote = ''; // a single-quoted scalar may span lines, but an unclosed one must not hide the rest
  }
  return max;
}

function guessUnclosedEnd(text: string, from: number): number {
  let pos = from;
  while (pos < text.length) {
    const eol = text.indexOf('\n', pos);
    const lineEnd = eol === -1 ? text.length : eol;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    if (!/^([A-Za-z_][\w-]*\s*:|\s+\S|-\s|-$|#)/.test(line)) return pos;
    pos = eol === -1 ? text.length : eol + 1;
  }
  return text.length;
}

// ---------------------------------------------------------------- fast path

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+|$)/;
const ITEM_LINE = /^([ \t]*)-(?:[ \t]+|$)/;
const INT = /^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;

/** YAML 1.2 core schema resolution of a plain scalar, as the yaml package does it. */
export function resolvePlain(s: string): FmPrimitive {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  // Numbers start with a digit, a sign or a dot; most values are names, which skip both patterns.
  const c = s.charCodeAt(0);
  if ((c < 48 || c > 57) && c !== 43 && c !== 45 && c !== 46) return s;
  if (INT.test(s)) return s.startsWith('0o') ? parseInt(s.slice(2), 8) : Number(s);
  if (FLOAT.test(s)) {
    if (/nan$/i.test(s)) return NaN;
    if (/inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    return Number(s);
  }
  return s;
}

/** What flatScalar returns for a scalar only the full YAML parser can read. */
export const NOT_FLAT: unique symbol = Symbol('not flat');

/**
 * The value of one flat scalar `s` (the rest of a line, trailing blanks already cut), or NOT_FLAT when it needs
 * the full YAML parser. Shared by the scanner below and the entity index's key scanner, so both read alike.
 */
export function flatScalar(s: string): FmPrimitive | typeof NOT_FLAT {
  if (s.length === 0) return null;
  const c = s[0];
  if (c === "'") {
    if (s.length < 2 || s[s.length - 1] !== "'") return NOT_FLAT;
    const inner = s.slice(1, -1);
    if (!inner.includes("'")) return inner;
    if (/'(?!')/.test(inner.replace(/''/g, ''))) return NOT_FLAT;
    return inner.replace(/''/g, "'");
  }
  if (c === '"') {
    if (s.length < 2 || s[s.length - 1] !== '"') return NOT_FLAT;
    const inner = s.slice(1, -1);
    if (inner.includes('\\') || inner.includes('"')) return NOT_FLAT;
    return inner;
  }
  if ('&*!|>%@`{}[],#?:-'.includes(c) && !(c === '-' && /^-[0-9.]/.test(s))) return NOT_FLAT;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':') || s.includes('\t')) return NOT_FLAT;
  return resolvePlain(s);
}

/** `s` without trailing spaces and tabs (no regex: this runs on every front-matter line). */
export function trimBlanksEnd(s: string): string {
  let n = s.length;
  while (n > 0) { const c = s.charCodeAt(n - 1); if (c !== 32 && c !== 9) break; n--; }
  return n === s.length ? s : s.slice(0, n);
}

/** Parses one flat scalar (the rest of a line); undefined when it needs the full YAML parser. */
function scanScalar(raw: string, start: number): FmItem | undefined {
  const s = trimBlanksEnd(raw);
  const value = flatScalar(s);
  if (value === NOT_FLAT) return undefined;
  if (s.length === 0) return { value: null, raw: '', start, end: start, quoted: false };
  return { value, raw: s, start, end: start + s.length, quoted: s[0] === "'" || s[0] === '"' };
}

/** The items of a one-line flow list of simple items (`[]`, `[a, 'b']`), `t` trimmed; undefined when it needs YAML. */
export function flatFlowItems(t: string): string[] | undefined {
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  const inner = t.slice(1, -1);
  if (inner.trim() === '') return [];
  if (/[[\]{}"]/.test(inner)) return undefined;
  return inner.split(',');
}

/** A flow list on one line of simple items, `[]` or `[a, 'b']`. */
function scanFlowList(s: string, start: number): FmList | undefined {
  const t = trimBlanksEnd(s);
  const parts = flatFlowItems(t);
  if (!parts) return undefined;
  const items: FmItem[] = [];
  let off = 1;
  for (const part of parts) {
    const lead = part.length - part.trimStart().length;
    const item = scanScalar(part.trim(), start + off + lead);
    if (!item || item.raw === '') return undefined;
    items.push(item);
    off += part.length + 1;
  }
  return { kind: 'list', items, flow: true, start, end: start + t.length };
}

function scanFlat(text: string, from: number, to: number): { entries: FmEntry[]; listIndent: string | null } | undefined {
  const entries: FmEntry[] = [];
  const seen = new Set<string>();
  let listIndent: string | null = null;
  let open: FmEntry | undefined; // entry with an empty value that may collect list items
  let pos = from;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > to) eol = to;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const line = text.slice(pos, lineEnd);
    const next = eol < to ? eol + 1 : to;
    if (line.trim() === '' || /^#/.test(line)) { pos = next; continue; }
    const km = KEY_LINE.exec(line);
    if (km) {
      const key = km[1];
      if (seen.has(key)) return undefined; // let the YAML parser report the duplicate
      seen.add(key);
      const keyStart = pos;
      const keyEnd = pos + key.length;
      const rest = line.slice(km[0].length);
      const valueStart = pos + km[0].length;
      let value: FmValue | undefined;
      if (rest.startsWith('[')) value = scanFlowList(rest, valueStart);
      else {
        const sc = scanScalar(rest, valueStart);
        if (sc) value = { kind: 'scalar', ...sc };
      }
      if (!value) return undefined;
      if (value.kind === 'scalar' && value.raw !== '' && !value.quoted && next < to && text.charCodeAt(next) === 32) {
        // A long plain value folded over indented lines (PyYAML wraps at 80 columns: 13 % of real posts).
        const folded = foldedPlain(text, next, to, value);
        if (!folded) return undefined;
        value = folded.value;
        pos = folded.next;
        const entry: FmEntry = { key, keyStart, keyEnd, start: keyStart, end: value.end, value };
        entries.push(entry);
        open = undefined;
        continue;
      }
      const entry: FmEntry = { key, keyStart, keyEnd, start: keyStart, end: value.kind === 'scalar' && value.raw === '' ? keyEnd + 1 : value.end, value };
      if (value.kind === 'scalar' && value.raw === '') entry.end = Math.min(lineEnd, Math.max(keyEnd + 1, lineEnd));
      entries.push(entry);
      open = value.kind === 'scalar' && value.raw === '' ? entry : undefined;
      pos = next;
      continue;
    }
    const im = ITEM_LINE.exec(line);
    if (im && open) {
      const indent = im[1];
      if (indent.includes('\t')) return undefined;
      if (listIndent === null) listIndent = indent;
      else if (indent !== listIndent) return undefined;
      const itemStart = pos + im[0].length;
      const rest = line.slice(im[0].length);
      if (rest.startsWith('[')) return undefined;
      const item = scanScalar(rest, itemStart);
      if (!item || (typeof item.value === 'string' && /^[A-Za-z_][\w-]*:$/.test(item.raw))) return undefined;
      if (open.value.kind === 'scalar') {
        open.value = { kind: 'list', items: [], flow: false, start: pos + indent.length, end: lineEnd };
      }
      const list = open.value as FmList;
      list.items.push(item);
      list.end = item.end > itemStart ? item.end : itemStart;
      open.end = list.end;
      pos = next;
      continue;
    }
    return undefined; // indentation, continuation lines, nested maps, anything unusual
  }
  return { entries, listIndent };
}

/**
 * The continuation lines of a plain scalar from `from` (the line after its first): each indented, not blank, and
 * plain text a flat scalar could hold; their words are joined by single spaces, as YAML folds them. Undefined when a
 * line is anything else (a blank line, a comment, an indicator, `: `), which the YAML parser then reads.
 */
function foldedPlain(text: string, from: number, to: number, first: FmScalar): { value: FmScalar; next: number } | undefined {
  let pos = from, value = first.raw, end = first.end;
  while (pos < to && text.charCodeAt(pos) === 32) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > to) eol = to;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const line = text.slice(pos, lineEnd);
    const body = line.trim();
    if (body === '' || line.includes('\t') || '#-?:,[]{}&*!|>\'"%@`'.includes(body[0]) || body.includes(': ') || body.includes(' #') || body.endsWith(':')) return undefined;
    value += ' ' + body;
    end = pos + line.length - (line.length - line.trimEnd().length);
    pos = eol < to ? eol + 1 : to;
  }
  const resolved = resolvePlain(value);
  if (typeof resolved !== 'string') return undefined; // a folded number or boolean: leave it to YAML
  return { value: { kind: 'scalar', value: resolved, raw: text.slice(first.start, end), start: first.start, end, quoted: false }, next: pos };
}

// ---------------------------------------------------------------- full YAML

function parseWithYaml(text: string, fm: FrontMatter): void {
  const base = fm.contentStart;
  const src = text.slice(fm.contentStart, fm.contentEnd);
  if (nestingDepth(src) > MAX_DEPTH) {
    fm.errors.push({ message: l10n.t('The front matter nests lists or maps over {0} levels deep; it is not read. Front matter holds flat `key: value` lines and plain lists.', MAX_DEPTH), start: fm.start, end: fm.start + 3 });
    return;
  }
  let doc;
  try {
    doc = parseDocument(src, { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  } catch (e) {
    fm.errors.push({ message: l10n.t('The front matter could not be read: {0}', (e as Error).message), start: fm.start, end: fm.start + 3 });
    return;
  }
  for (const err of doc.errors) {
    fm.errors.push({ message: cleanYamlMessage(err.message), start: base + err.pos[0], end: base + Math.max(err.pos[1], err.pos[0] + 1) });
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') fm.errors.push({ message: cleanYamlMessage(w.message), start: base + w.pos[0], end: base + w.pos[1] });
  }
  const contents = doc.contents;
  if (!contents) return;
  if (!isMap(contents)) {
    const r = (contents as YamlNode).range ?? [0, src.length];
    fm.errors.push({ message: l10n.t('The front matter must be a list of `key: value` lines.'), start: base + r[0], end: base + Math.max(r[1], r[0] + 1) });
    return;
  }
  for (const pair of contents.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range || pair.key.range[0] === pair.key.range[1]) continue;
    const key = String(pair.key.value);
    const keyStart = base + pair.key.range[0];
    const keyEnd = base + pair.key.range[1];
    // A key over several lines is broken YAML (reported above), not a key an author wrote.
    if (/[\r\n]/.test(text.slice(keyStart, keyEnd))) continue;
    const v = pair.value as YamlNode | null;
    let value: FmValue;
    if (v == null || (isScalar(v) && v.range && v.range[0] === v.range[1] && v.value == null)) {
      const at = v?.range ? base + v.range[0] : keyEnd + 1;
      value = { kind: 'scalar', value: null, raw: '', start: at, end: at, quoted: false };
    } else if (isScalar(v) && v.range) {
      value = { kind: 'scalar', ...yamlItem(v, text, base) };
    } else if (isSeq(v) && v.range) {
      const items: FmItem[] = [];
      let simple = true;
      for (const it of v.items) {
        if (isScalar(it) && it.range) items.push(yamlItem(it, text, base));
        else simple = false;
      }
      const start = base + v.range[0];
      const end = base + v.range[1];
      value = simple ? { kind: 'list', items, flow: (v as { flow?: boolean }).flow === true, start, end: items.length && !(v as { flow?: boolean }).flow ? items[items.length - 1].end : trimEnd(text, start, end) } : { kind: 'other', start, end: trimEnd(text, start, end) };
      if (simple && !(v as { flow?: boolean }).flow && fm.listIndent === null) {
        const ls = text.lastIndexOf('\n', start - 1) + 1;
        fm.listIndent = text.slice(ls, start).replace(/[^ ]/g, '');
      }
    } else {
      const r = (v as YamlNode).range ?? pair.key.range;
      value = { kind: 'other', start: base + r[0], end: trimEnd(text, base + r[0], base + r[1]) };
      if (isAlias(v)) value = { kind: 'other', start: base + r[0], end: base + r[1] };
    }
    fm.entries.push({ key, keyStart, keyEnd, start: keyStart, end: Math.max(keyEnd, value.end), value });
  }
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function yamlItem(node: { value: unknown; range?: [number, number, number] | null; type?: string | null }, text: string, base: number): FmItem {
  const start = base + node.range![0];
  const end = base + node.range![1];
  const raw = text.slice(start, end);
  let value = node.value;
  if (value instanceof Date) value = raw.replace(/^['"]|['"]$/g, '');
  if (typeof value === 'bigint') value = Number(value);
  if (value !== null && typeof value === 'object') value = raw;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return { value: value as FmPrimitive, raw, start, end, quoted };
}

function cleanYamlMessage(m: string): string {
  return 'YAML: ' + m.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
}

/** The value of a key as plain data: strings for scalars, string arrays for lists. */
export function entryData(e: FmEntry): FmPrimitive | FmPrimitive[] | undefined {
  if (e.value.kind === 'scalar') return e.value.value;
  if (e.value.kind === 'list') return e.value.items.map(i => i.value);
  return undefined;
}
