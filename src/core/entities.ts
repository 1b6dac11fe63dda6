// The workspace entity index: every post's front-matter values with counts and where they are used.
import type { Config } from './config';
import { entryData, flatFlowItems, flatScalar, MAX_LINES, NOT_FLAT, parseFrontMatter, trimBlanksEnd, type FmPrimitive, type FrontMatter } from './frontmatter';

/** Keys the index records: the entity lists and the scalar taxonomy keys completion offers values for. */
export const INDEXED_SCALARS = ['speaker', 'area', 'category', 'status', 'layout', 'series'];

const NORM_STRIP = /[\s\-_.,·・'’"“”()（）&+/]+/g;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** normalizeEntity without the memo: what the index uses, as it keeps each value's form itself. */
function normalizeUncached(s: string): string {
  // NFKC leaves printable ASCII as it is, and most names are ASCII.
  return (PLAIN_ASCII.test(s) ? s : s.normalize('NFKC')).toLowerCase().replace(NORM_STRIP, '');
}

/** A small memo for callers that normalise the same few names over and over (lint, completion); bounded, so it never grows with the blog. */
const normMemo = new Map<string, string>();
const NORM_MEMO_MAX = 2048;

/** Case, spacing and punctuation do not make a different entity: `NVIDIA` ~ `Nvidia`, `Open AI` ~ `OpenAI`. */
export function normalizeEntity(s: string): string {
  let n = normMemo.get(s);
  if (n === undefined) {
    n = normalizeUncached(s);
    if (normMemo.size >= NORM_MEMO_MAX) normMemo.clear();
    normMemo.set(detach(s), n);
  }
  return n;
}

/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 makes a slice of 13 or more characters a view
 * into its parent, so a value sliced from a post would otherwise hold the whole post for as long as the index
 * holds the value; shorter slices are copies already.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export interface ValueUse { value: string; count: number; files: string[] }

/** One entity as completion and hover show it: its spellings grouped under the canonical name. */
export interface EntityUse {
  name: string;
  /** Posts using it in any spelling. */
  count: number;
  /** Up to three example posts. */
  files: string[];
  /** Configured aliases. */
  aliases: string[];
  /** Other spellings posts use for it (not configured). */
  variants: string[];
  configured: boolean;
}

/** What one file contributes to the index. */
export interface FileEntry { title?: string; values: Record<string, string[]> }

/** The strings an indexed key's data contributes (`speaker: A, B` lists several speakers). */
function indexedValues(key: string, d: FmPrimitive | FmPrimitive[] | undefined): string[] {
  const list = Array.isArray(d) ? d : d == null ? [] : [d];
  const vals: string[] = [];
  for (const v of list) {
    if (v == null) continue;
    const s = String(v).trim();
    if (!s) continue;
    if (key === 'speaker') {
      for (const part of s.split(/\s*[,，]\s*/)) if (part) vals.push(part);
    } else vals.push(s);
  }
  return vals;
}

/** Extracts the indexed values from a post's front matter. */
export function fileEntryOf(fm: FrontMatter | undefined, entityKeys: readonly string[]): FileEntry {
  const values: Record<string, string[]> = {};
  let title: string | undefined;
  if (!fm) return { values };
  for (const e of fm.entries) {
    if (e.key === 'title' && e.value.kind === 'scalar' && typeof e.value.value === 'string') title = e.value.value;
    if (!entityKeys.includes(e.key) && !INDEXED_SCALARS.includes(e.key)) continue;
    const vals = indexedValues(e.key, entryData(e));
    if (vals.length) values[e.key] = vals;
  }
  return { title, values };
}

const KEY_AT_COLUMN_0 = /^([A-Za-z_][\w-]*)[ \t]*:/;
const CLOSE_FENCE = /^(-{3,}|\.\.\.)[ \t]*\r?$/;

/**
 * The front matter reduced to the keys the index reads (title, entity lists, indexed scalars), or undefined when
 * it cannot be cut safely. A key line at column 0 always starts a new top-level key (continuation lines of
 * multi-line values are indented), so dropping a key with everything up to the next one keeps the YAML meaning
 * of the rest; a long folded summary then no longer sends the whole post to the slow YAML parser.
 */
function indexedPart(text: string, keep: ReadonlySet<string>): string | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let eol = text.indexOf('\n', start);
  if (eol === -1 || text.slice(start, eol).replace(/[ \t\r]+$/, '') !== '---') return undefined;
  const kept: string[] = ['---'];
  let keeping = false;
  let pos = eol + 1;
  while (pos < text.length) {
    eol = text.indexOf('\n', pos);
    const line = text.slice(pos, eol === -1 ? text.length : eol);
    if (CLOSE_FENCE.test(line)) { kept.push('---', ''); return kept.join('\n'); }
    const m = KEY_AT_COLUMN_0.exec(line);
    if (m) keeping = keep.has(m[1]);
    else if (/^[^\s#-]/.test(line) && !/^-[ \t]|^-$/.test(line)) return undefined; // not plain YAML: let the parser judge it all
    if (keeping) kept.push(line.replace(/\r$/, ''));
    if (eol === -1) break;
    pos = eol + 1;
  }
  return undefined; // unclosed
}

const isKeyStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isKeyChar = (c: number) => isKeyStart(c) || (c >= 48 && c <= 57) || c === 45;
const WHITESPACE = /\s/;
/** What /^\s/ says of the character at `i`, without the regex for the ASCII ones. */
const isSpaceAt = (text: string, i: number) => { const c = text.charCodeAt(i); return c < 128 ? c === 32 || (c >= 9 && c <= 13) : WHITESPACE.test(text[i]); };

/** Whether the line [pos, end) is a closing fence (CLOSE_FENCE, without slicing the line). */
function isCloseAt(text: string, pos: number, end: number): boolean {
  let i = pos;
  if (text.charCodeAt(i) === 45) { while (i < end && text.charCodeAt(i) === 45) i++; if (i - pos < 3) return false; }
  else if (text.startsWith('...', i)) i += 3;
  else return false;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i < end && text.charCodeAt(i) === 13) i++;
  return i === end;
}

/** Where a value's text starts after `from`: past spaces and tabs. */
function skipBlanks(text: string, from: number, to: number): number {
  while (from < to && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
  return from;
}

/**
 * The index entry read in one pass over the text, for front matter whose indexed keys are flat YAML: exactly what
 * parsing indexedPart's reduction with the flat scanner gives (the same line rules, the same scalar reader), without
 * building the reduced text or its entries. Undefined for anything else, which then takes that slower path.
 */
function scanIndexed(text: string, keep: ReadonlySet<string>, entityKeys: readonly string[]): FileEntry | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let eol = text.indexOf('\n', start);
  if (eol === -1 || !text.startsWith('---', start)) return undefined;
  for (let i = start + 3; i < eol; i++) { const c = text.charCodeAt(i); if (c !== 32 && c !== 9 && c !== 13) return undefined; }
  const keys: string[] = [];
  const data: (FmPrimitive | FmPrimitive[])[] = [];
  let keeping = false;
  /** The list the item lines below belong to, while the last kept key had an empty value. */
  let open: FmPrimitive[] | undefined;
  let openAt = -1;
  let listIndent = -1;
  let kept = 0;
  let pos = eol + 1;
  for (;;) {
    if (pos >= text.length) return undefined; // unclosed
    eol = text.indexOf('\n', pos);
    const end = eol === -1 ? text.length : eol;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) {
      lineEnd--;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) return undefined; // the reduction would read this line differently
    }
    const c = text.charCodeAt(pos);
    if ((c === 45 || c === 46) && isCloseAt(text, pos, end)) break;
    if (isKeyStart(c)) {
      let i = pos + 1;
      while (i < lineEnd && isKeyChar(text.charCodeAt(i))) i++;
      const keyEnd = i;
      i = skipBlanks(text, i, lineEnd);
      if (text.charCodeAt(i) !== 58 || i >= lineEnd) return undefined; // not a key line: the parser judges the whole text
      const key = text.slice(pos, keyEnd);
      keeping = keep.has(key);
      if (keeping) {
        kept++;
        i++;
        const valueAt = skipBlanks(text, i, lineEnd);
        if (valueAt === i && i < lineEnd) return undefined; // `key:value` is not a flat key line
        if (keys.includes(key)) return undefined; // a duplicate: the YAML parser reports it
        const rest = trimBlanksEnd(text.slice(valueAt, lineEnd));
        if (rest.charCodeAt(0) === 91) {
          const parts = flatFlowItems(rest);
          if (!parts) return undefined;
          const items: FmPrimitive[] = [];
          for (const part of parts) {
            const t = part.trim();
            if (!t) return undefined;
            const v = flatScalar(t);
            if (v === NOT_FLAT) return undefined;
            items.push(v);
          }
          keys.push(key); data.push(items);
          open = undefined;
        } else {
          const v = flatScalar(rest);
          if (v === NOT_FLAT) return undefined;
          keys.push(key); data.push(v);
          // An empty value may collect the item lines below it.
          if (rest === '') { open = []; openAt = data.length - 1; } else open = undefined;
        }
      }
    } else if (!(c === 35 || c === 45 || isSpaceAt(text, pos)) && pos < end) {
      return undefined; // not plain YAML: the parser judges the whole text
    } else if (keeping) {
      kept++;
      if (c === 35) { /* a comment */ }
      else {
        let i = skipBlanks(text, pos, lineEnd);
        if (text.charCodeAt(i) !== 45 || i >= lineEnd) {
          if (text.slice(pos, lineEnd).trim() === '') { pos = eol === -1 ? text.length : eol + 1; continue; }
          return undefined; // continuation lines, nested maps: the parser
        }
        const indent = i - pos;
        i++;
        const valueAt = skipBlanks(text, i, lineEnd);
        if (valueAt === i && i < lineEnd) return undefined; // `-x` is not an item
        if (!open) return undefined;
        for (let j = pos; j < pos + indent; j++) if (text.charCodeAt(j) === 9) return undefined;
        if (listIndent === -1) listIndent = indent;
        else if (indent !== listIndent) return undefined;
        if (text.charCodeAt(valueAt) === 91 && valueAt < lineEnd) return undefined;
        const raw = trimBlanksEnd(text.slice(valueAt, lineEnd));
        const v = flatScalar(raw);
        if (v === NOT_FLAT || (typeof v === 'string' && raw.endsWith(':') && /^[A-Za-z_][\w-]*:$/.test(raw))) return undefined;
        if (open.length === 0) data[openAt] = open;
        open.push(v);
      }
    }
    if (eol === -1) return undefined; // unclosed
    pos = eol + 1;
  }
  if (kept > MAX_LINES) return undefined;
  const values: Record<string, string[]> = {};
  let title: string | undefined;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k], d = data[k];
    if (key === 'title' && typeof d === 'string') title = d;
    if (!entityKeys.includes(key) && !INDEXED_SCALARS.includes(key)) continue;
    const vals = indexedValues(key, d);
    if (vals.length) values[key] = vals;
  }
  return { title, values };
}

/** The keys fileEntryOfText keeps for a list of entity keys (the last list asked for: callers pass the same one). */
let keepFor: { keys: readonly string[]; set: ReadonlySet<string> } | undefined;
function keepSet(entityKeys: readonly string[]): ReadonlySet<string> {
  if (keepFor?.keys !== entityKeys) keepFor = { keys: entityKeys, set: new Set(['title', ...entityKeys, ...INDEXED_SCALARS]) };
  return keepFor.set;
}

/**
 * A post's index entry from its text, by parsing only the indexed keys (see indexedPart). The reference
 * fileEntryOfText must agree with; it is the path taken whenever the one-pass scanner declines.
 */
export function fileEntryOfIndexedPart(text: string, entityKeys: readonly string[]): FileEntry {
  const part = indexedPart(text, keepSet(entityKeys));
  return fileEntryOf(parseFrontMatter(part ?? text), entityKeys);
}

/** A post's index entry from its text: only the indexed keys are read, in one pass when they are flat YAML. */
export function fileEntryOfText(text: string, entityKeys: readonly string[]): FileEntry {
  return scanIndexed(text, keepSet(entityKeys), entityKeys) ?? fileEntryOfIndexedPart(text, entityKeys);
}

/**
 * How many leading bytes of a UTF-8 post to decode so the text holds all the index reads: through the closing
 * fence line, or the first line when the post has no front matter, or all of it when the front matter is not
 * closed (the parser then reads on to guess its end). Fences are ASCII, and UTF-8 never has an ASCII byte inside
 * a character, so the bytes can be searched as they are, and the cut never splits a character.
 */
export function frontMatterByteLength(bytes: Uint8Array): number {
  const n = bytes.length;
  let p = 0;
  // TextDecoder drops one byte-order mark and the parser skips one more.
  for (let b = 0; b < 2 && bytes[p] === 0xef && bytes[p + 1] === 0xbb && bytes[p + 2] === 0xbf; b++) p += 3;
  let eol = bytes.indexOf(10, p);
  if (eol === -1) return n;
  if (bytes[p] !== 45 || bytes[p + 1] !== 45 || bytes[p + 2] !== 45) return eol + 1;
  for (let q = eol + 1; q < n; q = eol + 1) {
    eol = bytes.indexOf(10, q);
    const end = eol === -1 ? n : eol;
    let i = q;
    if (bytes[i] === 45) { while (i < end && bytes[i] === 45) i++; if (i - q < 3) i = -1; }
    else if (bytes[i] === 46 && bytes[i + 1] === 46 && bytes[i + 2] === 46) i += 3;
    else i = -1;
    if (i !== -1) {
      while (i < end && (bytes[i] === 32 || bytes[i] === 9)) i++;
      if (i < end && bytes[i] === 13) i++;
      if (i === end) return eol === -1 ? n : eol + 1;
    }
    if (eol === -1) break;
  }
  return n;
}

function sameEntry(a: FileEntry, b: FileEntry): boolean {
  if (a.title !== b.title) return false;
  const ka = Object.keys(a.values), kb = Object.keys(b.values);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    const x = a.values[k], y = b.values[k];
    if (!y || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/**
 * The posts using one exact spelling, in the order they came. Most values of a big blog are used by one post or a
 * few (the long tail), so `files` is that post's name, then a short array, and a set only for the popular values:
 * a set per value was most of what building the index allocated. `value` is the index's own copy of the spelling,
 * which the stored entries share.
 */
interface Agg { value: string; count: number; files: string | string[] | Set<string>; norm: string; group: NormGroup }

/** Past this many posts a value's files go from an array (scanned to remove one) to a set, and back below half of it. */
const FILES_ARRAY_MAX = 1024;

const postsOf = (a: Agg): Iterable<string> => (typeof a.files === 'string' ? [a.files] : a.files);

function addPost(a: Agg, file: string): void {
  const f = a.files;
  if (typeof f === 'string') a.files = [f, file];
  else if (Array.isArray(f)) { if (f.length < FILES_ARRAY_MAX) f.push(file); else { const set = new Set(f); set.add(file); a.files = set; } }
  else f.add(file);
}

/** Removes `file` from the value's posts; false when it was not one of them. */
function dropPost(a: Agg, file: string): boolean {
  const f = a.files;
  if (typeof f === 'string') return f === file;
  if (Array.isArray(f)) {
    const i = f.indexOf(file);
    if (i === -1) return false;
    f.splice(i, 1);
    if (f.length === 1) a.files = f[0];
    return true;
  }
  if (!f.delete(file)) return false;
  if (f.size <= FILES_ARRAY_MAX / 2) a.files = [...f];
  return true;
}

/** The spellings of one key that normalise alike (`NVIDIA`, `Nvidia`), and the most used of them. */
/** `values` is an array, in the order the spellings came: a group rarely has more than two, and a map per group cost more than the rest of the index. */
interface NormGroup { values: Agg[]; best?: string }

/** The entity table of one key, kept up to date change by change once built. */
interface Table {
  list: EntityUse[];
  byName: Map<string, EntityUse>;
  /** Entity name -> the normalised forms grouped under it, and back. */
  norms: Map<string, Set<string>>;
  nameOf: Map<string, string>;
}

interface KeyState {
  values: Map<string, Agg>;
  groups: Map<string, NormGroup>;
  table?: Table;
  /** Normalised forms whose spellings changed since the table was last brought up to date. */
  dirty: Set<string>;
  version: number;
}

/** What an index holds, summed over its keys (see EntityIndex.stats). */
export interface EntityIndexStats {
  files: number;
  /** Keys with at least one value. */
  keys: number;
  /** Distinct spellings, and the groups of spellings that normalise alike. */
  values: number;
  groups: number;
  /** Rows of the entity tables built so far (configured names included), and forms waiting to be patched in. */
  tableRows: number;
  pending: number;
}

/** Configured names of one key, looked up by exact alias and by normalised name or alias. */
interface KeyConfig { byExact: Map<string, string>; byNorm: Map<string, string>; names: Record<string, string[]> }

const byCountThenName = (a: EntityUse, b: EntityUse) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const NO_VALUES: readonly string[] = [];
const own = (o: Record<string, string[]>, k: string): string[] | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/** Whether `v` occurs in `list` before index `i` (lists are a few values long: no set needed). */
function seenBefore(list: readonly string[], v: string, i: number): boolean {
  for (let j = 0; j < i; j++) if (list[j] === v) return true;
  return false;
}

/** Past this many forms waiting, the table is dropped rather than patched (see touch). */
const PENDING_SLACK = 1024;

/**
 * Incremental index: update() and remove() keep per-value counts exact without rescanning other files, and
 * the grouped entity tables completion and hover read are patched for just the spellings that changed, so a
 * change costs what that one file holds, even in a blog of 10,000 posts. Nothing is kept for a value once no post
 * uses it, and nothing the index keeps refers to the texts it was given.
 */
export class EntityIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly keys = new Map<string, KeyState>();
  private version = 0;
  private configEpoch = 0;
  private keyConfigs = new Map<string, KeyConfig>();
  private indexedKeys: string[] | undefined;

  constructor(private config: Pick<Config, 'entities' | 'schema'>) {}

  get size(): number { return this.files.size; }
  /** Changes whenever anything the index holds changes (and only then). */
  get generation(): number { return this.version; }
  /** Changes whenever the values of `key` (or the config) change: for caches derived from one key. */
  keyVersion(key: string): number { return this.configEpoch * 1e9 + (this.keys.get(key)?.version ?? 0); }

  setConfig(config: Pick<Config, 'entities' | 'schema'>): void {
    this.config = config;
    this.configEpoch++;
    this.version++;
    this.keyConfigs.clear();
    this.indexedKeys = undefined;
    for (const st of this.keys.values()) { st.table = undefined; st.dirty.clear(); }
  }

  entityKeys(): string[] { return [...this.ownEntityKeys()]; }

  /** The entity keys, computed once per config (one array, so fileEntryOfText's key set is reused too). */
  private ownEntityKeys(): string[] {
    return this.indexedKeys ??= this.config.schema.keys.filter(k => k.entity).map(k => k.key);
  }

  /** Indexes a post's text (only its front matter is read). */
  updateText(file: string, text: string): void {
    this.put(file, fileEntryOfText(text, this.ownEntityKeys()), true);
  }

  update(file: string, entry: FileEntry): void { this.put(file, entry, false); }

  /** `fresh`: the entry was made for this call and nothing else refers to it, so it can be stored as it is. */
  private put(file: string, entry: FileEntry, fresh: boolean): void {
    const old = this.files.get(file);
    // Saving a post without touching its front matter is the common case: nothing to recount or recompute. The
    // stored entry stays, as its strings are the index's own (the new one's may be cut from the whole document).
    if (old && sameEntry(old, entry)) return;
    // What is stored holds the index's copies of each value (see add), never strings cut from the caller's text.
    const values: Record<string, string[]> = fresh ? entry.values : {};
    if (!old) {
      for (const k of Object.keys(entry.values)) {
        const after = entry.values[k];
        values[k] = after.length ? this.change(this.state(k), file, NO_VALUES, after, fresh) : [];
      }
    } else {
      const next: Record<string, string[]> = {};
      for (const k of Object.keys(old.values)) {
        const before = old.values[k], after = own(entry.values, k);
        if (sameList(before, after ?? NO_VALUES)) { if (after) next[k] = before; continue; }
        const kept = this.change(this.state(k), file, before, after ?? NO_VALUES, false);
        if (after) next[k] = kept;
      }
      for (const k of Object.keys(entry.values)) {
        if (own(old.values, k)) continue;
        const after = entry.values[k];
        next[k] = after.length ? this.change(this.state(k), file, NO_VALUES, after, false) : [];
      }
      // In the entry's key order.
      for (const k of Object.keys(entry.values)) values[k] = next[k];
    }
    const title = entry.title === undefined ? undefined : detach(entry.title);
    this.files.set(file, fresh ? (entry.title = title, entry) : { title, values });
    this.version++;
  }

  /** Moves one file's values of a key from `before` to `after`; returns `after` in the index's own strings. */
  private change(st: KeyState, file: string, before: readonly string[], after: readonly string[], inPlace: boolean): string[] {
    const out = inPlace ? after as string[] : new Array<string>(after.length);
    if (before.length + after.length > 64) {
      // A post listing hundreds of values: sets, not the pairwise scans below.
      const b = new Set(before), a = new Set(after);
      for (const v of b) if (!a.has(v)) this.drop(st, v, file);
      for (const v of a) if (!b.has(v)) this.add(st, v, file);
      for (let i = 0; i < after.length; i++) out[i] = st.values.get(after[i])?.value ?? detach(after[i]);
    } else {
      for (let i = 0; i < before.length; i++) {
        const v = before[i];
        if (!seenBefore(before, v, i) && !after.includes(v)) this.drop(st, v, file);
      }
      for (let i = 0; i < after.length; i++) {
        const v = after[i];
        out[i] = !seenBefore(after, v, i) && !before.includes(v) ? this.add(st, v, file) : st.values.get(v)?.value ?? detach(v);
      }
    }
    st.version++;
    return out;
  }

  remove(file: string): void {
    const old = this.files.get(file);
    if (!old) return;
    this.files.delete(file);
    for (const k of Object.keys(old.values)) {
      const st = this.state(k);
      for (const v of new Set(old.values[k])) this.drop(st, v, file);
      st.version++;
    }
    this.version++;
  }

  rename(from: string, to: string): void {
    const e = this.files.get(from);
    if (!e) return;
    this.remove(from);
    this.update(to, e);
  }

  has(file: string): boolean { return this.files.has(file); }
  entry(file: string): FileEntry | undefined { return this.files.get(file); }
  fileNames(): IterableIterator<string> { return this.files.keys(); }

  /** Counts of what the index holds; an index whose posts were all removed holds no values, groups or table rows. */
  stats(): EntityIndexStats {
    const s: EntityIndexStats = { files: this.files.size, keys: 0, values: 0, groups: 0, tableRows: 0, pending: 0 };
    for (const st of this.keys.values()) {
      if (st.values.size) s.keys++;
      s.values += st.values.size;
      s.groups += st.groups.size;
      s.pending += st.dirty.size;
      if (st.table) s.tableRows += Math.max(st.table.list.length, st.table.byName.size, st.table.nameOf.size);
    }
    return s;
  }

  private state(key: string): KeyState {
    let st = this.keys.get(key);
    if (!st) { st = { values: new Map(), groups: new Map(), dirty: new Set(), version: 0 }; this.keys.set(key, st); }
    return st;
  }

  /** Counts `file` as using `v`; returns the index's copy of `v`. */
  private add(st: KeyState, v: string, file: string): string {
    let a = st.values.get(v);
    if (!a) {
      const value = detach(v);
      const norm = normalizeUncached(value);
      let g = st.groups.get(norm);
      if (!g) { g = { values: [] }; st.groups.set(norm, g); }
      a = { value, count: 1, files: file, norm, group: g };
      st.values.set(value, a);
      g.values.push(a);
    } else {
      a.count++;
      addPost(a, file);
    }
    this.touch(st, a);
    return a.value;
  }

  private drop(st: KeyState, v: string, file: string): void {
    const a = st.values.get(v);
    if (!a || !dropPost(a, file)) return;
    a.count--;
    if (a.count <= 0) {
      // Nothing is kept for values no post uses any more.
      st.values.delete(v);
      const gv = a.group.values;
      gv.splice(gv.indexOf(a), 1);
      if (!gv.length) st.groups.delete(a.norm);
    }
    this.touch(st, a);
  }

  private touch(st: KeyState, a: Agg): void {
    a.group.best = undefined;
    if (!st.table) return;
    st.dirty.add(a.norm);
    // Forms of values since removed wait here too; when nothing reads the table for long (a re-tagged blog with no
    // completion in between), dropping it bounds them, and the next read builds it afresh.
    if (st.dirty.size > PENDING_SLACK + 2 * st.groups.size) { st.table = undefined; st.dirty.clear(); }
  }

  /** Values of a key, most used first; configured names are included even when no post uses them yet. */
  values(key: string): ValueUse[] {
    const out = new Map<string, ValueUse>();
    for (const [v, a] of this.keys.get(key)?.values ?? []) out.set(v, { value: v, count: a.count, files: firstN(postsOf(a), 3) });
    for (const name of Object.keys(this.config.entities[key] ?? {})) if (!out.has(name)) out.set(name, { value: name, count: 0, files: [] });
    return [...out.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  use(key: string, value: string): ValueUse | undefined {
    const a = this.keys.get(key)?.values.get(value);
    return a ? { value, count: a.count, files: firstN(postsOf(a), 3) } : undefined;
  }

  /** Every file using exactly this value (values() and use() only keep three examples). */
  filesOf(key: string, value: string): string[] {
    const a = this.keys.get(key)?.values.get(value);
    return a ? [...postsOf(a)] : [];
  }

  /** Keys that have at least one value in some post. */
  usedKeys(): string[] { return [...this.keys].filter(([, st]) => st.values.size > 0).map(([k]) => k); }

  /**
   * The entities of a key, each spelling grouped under its canonical name (configured names included),
   * most used first. The list is kept in place and patched after small changes (rebuilt after large ones); treat
   * it as read-only.
   */
  entities(key: string): EntityUse[] {
    return this.table(key).list;
  }

  /** The entity a value belongs to (by name, alias or variant spelling). */
  entity(key: string, value: string): EntityUse | undefined {
    const name = this.canonical(key, value) ?? value;
    return this.table(key).byName.get(name);
  }

  /** Title of an indexed post, if its front matter has one. */
  title(file: string): string | undefined { return this.files.get(file)?.title; }

  /** Configured aliases of a canonical name. */
  aliases(key: string, name: string): string[] { return this.config.entities[key]?.[name] ?? []; }

  private keyConfig(key: string): KeyConfig {
    let kc = this.keyConfigs.get(key);
    if (kc) return kc;
    const names = this.config.entities[key] ?? {};
    kc = { byExact: new Map(), byNorm: new Map(), names };
    for (const [name, aliases] of Object.entries(names)) {
      kc.byNorm.set(normalizeEntity(name), name);
      for (const alias of aliases) {
        kc.byExact.set(alias, name);
        kc.byNorm.set(normalizeEntity(alias), name);
      }
    }
    this.keyConfigs.set(key, kc);
    return kc;
  }

  /** The most used spelling of a group (a brand's mixed case wins ties). */
  private best(g: NormGroup): string {
    if (g.best === undefined) {
      let win: Agg | undefined;
      for (const cur of g.values) {
        if (!win) { win = cur; continue; }
        const d = cur.count - win.count || caseRank(cur.value) - caseRank(win.value) || (cur.value < win.value ? 1 : -1);
        if (d > 0) win = cur;
      }
      g.best = win ? win.value : '';
    }
    return g.best;
  }

  /** The entity name a normalised form belongs to now (undefined when neither configured nor used). */
  private nameOfNorm(key: string, st: KeyState, n: string): string | undefined {
    const c = this.keyConfig(key).byNorm.get(n);
    if (c) return c;
    const g = st.groups.get(n);
    return g ? this.best(g) : undefined;
  }

  /**
   * The spelling a value should have: the configured name it matches (by name, alias or normalised form),
   * else the most used spelling among the values that normalise alike.
   */
  canonical(key: string, value: string): string | undefined {
    const kc = this.keyConfig(key);
    const exact = kc.byExact.get(value);
    if (exact) return exact;
    const n = normalizeEntity(value);
    if (!n) return undefined;
    const c = kc.byNorm.get(n);
    if (c) return c;
    const g = this.keys.get(key)?.groups.get(n);
    return g ? this.best(g) : undefined;
  }

  private table(key: string): Table {
    const st = this.state(key);
    // Each patched entity costs a splice into the sorted list: after a change to much of the key (a re-tagged
    // blog), building the table afresh is cheaper.
    if (st.table && st.dirty.size > 64 && st.dirty.size * 4 > st.table.list.length) { st.table = undefined; st.dirty.clear(); }
    if (!st.table) {
      const t: Table = { list: [], byName: new Map(), norms: new Map(), nameOf: new Map() };
      for (const n of st.groups.keys()) this.place(key, st, t, n);
      for (const name of Object.keys(this.keyConfig(key).names)) if (!t.norms.has(name)) t.norms.set(name, new Set());
      for (const name of t.norms.keys()) { const e = this.entityOf(key, st, t, name); if (e) t.byName.set(name, e); }
      t.list = [...t.byName.values()].sort(byCountThenName);
      st.table = t;
      st.dirty.clear();
      return t;
    }
    const t = st.table;
    if (st.dirty.size) {
      const names = new Set<string>();
      for (const n of st.dirty) {
        const before = t.nameOf.get(n);
        if (before !== undefined) { names.add(before); t.norms.get(before)?.delete(n); t.nameOf.delete(n); }
        const after = this.place(key, st, t, n);
        if (after !== undefined) names.add(after);
      }
      st.dirty.clear();
      for (const name of names) {
        const old = t.byName.get(name);
        if (old) { const i = this.indexIn(t.list, old); if (i >= 0) t.list.splice(i, 1); t.byName.delete(name); }
        const e = this.entityOf(key, st, t, name);
        if (!e) { t.norms.delete(name); continue; }
        t.byName.set(name, e);
        t.list.splice(this.insertionPoint(t.list, e), 0, e);
      }
    }
    return t;
  }

  /** Files a normalised form under the entity name it belongs to now; returns that name. */
  private place(key: string, st: KeyState, t: Table, n: string): string | undefined {
    if (!n || !st.groups.has(n)) return undefined;
    const name = this.nameOfNorm(key, st, n);
    if (name === undefined) return undefined;
    let set = t.norms.get(name);
    if (!set) { set = new Set(); t.norms.set(name, set); }
    set.add(n);
    t.nameOf.set(n, name);
    return name;
  }

  private entityOf(key: string, st: KeyState, t: Table, name: string): EntityUse | undefined {
    const configured = this.keyConfig(key).names;
    const spellings: [string, Agg][] = [];
    for (const n of t.norms.get(name) ?? []) for (const a of st.groups.get(n)?.values ?? []) spellings.push([a.value, a]);
    if (!spellings.length && !(name in configured)) return undefined;
    let count = 0;
    let files: string[] = [];
    if (spellings.length === 1) {
      count = spellings[0][1].count;
      files = firstN(postsOf(spellings[0][1]), 3);
    } else if (spellings.length > 1) {
      // The canonical spelling's posts make the better examples.
      spellings.sort((a, b) => (a[0] === name ? -1 : b[0] === name ? 1 : b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)));
      const all = new Set<string>();
      for (const [, a] of spellings) for (const f of postsOf(a)) all.add(f);
      count = all.size;
      files = firstN(all, 3);
    }
    const aliases = configured[name] ?? [];
    const variants = spellings.map(sp => sp[0]).filter(v => v !== name && !aliases.includes(v));
    return { name, count, files, aliases, variants, configured: name in configured };
  }

  private indexIn(list: EntityUse[], e: EntityUse): number {
    // Binary search to the entry's place, then a short scan among equals.
    let i = this.insertionPoint(list, e);
    for (let j = Math.max(0, i - 2); j < Math.min(list.length, i + 2); j++) if (list[j] === e) return j;
    i = list.indexOf(e);
    return i;
  }

  private insertionPoint(list: EntityUse[], e: EntityUse): number {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byCountThenName(list[mid], e) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** A compact, JSON-safe snapshot for persisting between sessions. */
  serialize(): { version: 1; files: [string, FileEntry][] } {
    return { version: 1, files: [...this.files.entries()] };
  }
  static deserialize(data: unknown, config: Pick<Config, 'entities' | 'schema'>): EntityIndex {
    const idx = new EntityIndex(config);
    const d = data as { version?: number; files?: [string, FileEntry][] };
    if (d && d.version === 1 && Array.isArray(d.files)) {
      for (const [f, e] of d.files) if (typeof f === 'string' && e && typeof e.values === 'object') idx.update(f, e);
    }
    return idx;
  }
}

function firstN<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of items) { if (out.length >= n) break; out.push(x); }
  return out;
}

/** Tie-break for equally used spellings: a brand's mixed case (CoreWeave, Nvidia) over all-caps or all-lower. */
function caseRank(s: string): number {
  const upper = (s.match(/[A-Z]/g) ?? []).length;
  const lower = (s.match(/[a-z]/g) ?? []).length;
  if (upper && lower) return 2 + Math.min(upper, 5) / 10;
  if (upper) return 1;
  return 0;
}
