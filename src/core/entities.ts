// The workspace entity index: every post's front-matter values with counts and where they are used.
import type { Config } from './config';
import { entryData, parseFrontMatter, type FrontMatter } from './frontmatter';

/** Keys the index records: the entity lists and the scalar taxonomy keys completion offers values for. */
export const INDEXED_SCALARS = ['speaker', 'area', 'category', 'status', 'layout', 'series'];

const normMemo = new Map<string, string>();

/** Case, spacing and punctuation do not make a different entity: `NVIDIA` ~ `Nvidia`, `Open AI` ~ `OpenAI`. */
export function normalizeEntity(s: string): string {
  // Memoised: a large blog's index normalises the same few thousand names after every change.
  let n = normMemo.get(s);
  if (n === undefined) {
    n = s.normalize('NFKC').toLowerCase().replace(/[\s\-_.,·・'’"“”()（）&+/]+/g, '');
    if (normMemo.size > 200000) normMemo.clear();
    normMemo.set(s, n);
  }
  return n;
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

/** Extracts the indexed values from a post's front matter. */
export function fileEntryOf(fm: FrontMatter | undefined, entityKeys: readonly string[]): FileEntry {
  const values: Record<string, string[]> = {};
  let title: string | undefined;
  if (!fm) return { values };
  for (const e of fm.entries) {
    if (e.key === 'title' && e.value.kind === 'scalar' && typeof e.value.value === 'string') title = e.value.value;
    if (!entityKeys.includes(e.key) && !INDEXED_SCALARS.includes(e.key)) continue;
    const d = entryData(e);
    const list = Array.isArray(d) ? d : d == null ? [] : [d];
    const vals: string[] = [];
    for (const v of list) {
      if (v == null) continue;
      const s = String(v).trim();
      if (!s) continue;
      if (INDEXED_SCALARS.includes(e.key) && (e.key === 'speaker')) {
        // "A, B" lists several speakers.
        for (const part of s.split(/\s*[,，]\s*/)) if (part) vals.push(part);
      } else vals.push(s);
    }
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

/** A post's index entry from its text: only the indexed keys are parsed (see indexedPart). */
export function fileEntryOfText(text: string, entityKeys: readonly string[]): FileEntry {
  const keep = new Set(['title', ...entityKeys, ...INDEXED_SCALARS]);
  const part = indexedPart(text, keep);
  return fileEntryOf(parseFrontMatter(part ?? text), entityKeys);
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

interface Agg { count: number; files: Set<string> }

/** The spellings of one key that normalise alike (`NVIDIA`, `Nvidia`), and the most used of them. */
interface NormGroup { values: Map<string, Agg>; best?: string }

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

/** Configured names of one key, looked up by exact alias and by normalised name or alias. */
interface KeyConfig { byExact: Map<string, string>; byNorm: Map<string, string>; names: Record<string, string[]> }

const byCountThenName = (a: EntityUse, b: EntityUse) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Incremental index: update() and remove() keep per-value counts exact without rescanning other files, and
 * the grouped entity tables completion and hover read are patched for just the spellings that changed, so a
 * change costs what that one file holds, even in a blog of 10,000 posts.
 */
export class EntityIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly keys = new Map<string, KeyState>();
  private version = 0;
  private configEpoch = 0;
  private keyConfigs = new Map<string, KeyConfig>();

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
    for (const st of this.keys.values()) { st.table = undefined; st.dirty.clear(); }
  }

  entityKeys(): string[] { return this.config.schema.keys.filter(k => k.entity).map(k => k.key); }

  /** Indexes a post's text (only its front matter is read). */
  updateText(file: string, text: string): void {
    this.update(file, fileEntryOfText(text, this.entityKeys()));
  }

  update(file: string, entry: FileEntry): void {
    const old = this.files.get(file);
    // Saving a post without touching its front matter is the common case: nothing to recount or recompute.
    if (old && sameEntry(old, entry)) { this.files.set(file, entry); return; }
    this.files.set(file, entry);
    for (const k of new Set([...Object.keys(old?.values ?? {}), ...Object.keys(entry.values)])) {
      const before = old?.values[k] ?? [], after = entry.values[k] ?? [];
      if (before.length === after.length && before.every((v, i) => v === after[i])) continue;
      const st = this.state(k);
      const b = new Set(before), a = new Set(after);
      for (const v of b) if (!a.has(v)) this.drop(st, v, file);
      for (const v of a) if (!b.has(v)) this.add(st, v, file);
      st.version++;
    }
    this.version++;
  }

  remove(file: string): void {
    const old = this.files.get(file);
    if (!old) return;
    this.files.delete(file);
    for (const [k, vals] of Object.entries(old.values)) {
      const st = this.state(k);
      for (const v of new Set(vals)) this.drop(st, v, file);
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

  private state(key: string): KeyState {
    let st = this.keys.get(key);
    if (!st) { st = { values: new Map(), groups: new Map(), dirty: new Set(), version: 0 }; this.keys.set(key, st); }
    return st;
  }

  private add(st: KeyState, v: string, file: string): void {
    let a = st.values.get(v);
    if (!a) {
      a = { count: 0, files: new Set() };
      st.values.set(v, a);
      const n = normalizeEntity(v);
      let g = st.groups.get(n);
      if (!g) { g = { values: new Map() }; st.groups.set(n, g); }
      g.values.set(v, a);
    }
    a.count++;
    a.files.add(file);
    this.touch(st, v);
  }

  private drop(st: KeyState, v: string, file: string): void {
    const a = st.values.get(v);
    if (!a || !a.files.has(file)) return;
    a.count--;
    a.files.delete(file);
    if (a.count <= 0) {
      // Nothing is kept for values no post uses any more.
      st.values.delete(v);
      const n = normalizeEntity(v);
      const g = st.groups.get(n);
      g?.values.delete(v);
      if (g && !g.values.size) st.groups.delete(n);
    }
    this.touch(st, v);
  }

  private touch(st: KeyState, v: string): void {
    const n = normalizeEntity(v);
    const g = st.groups.get(n);
    if (g) g.best = undefined;
    if (st.table) st.dirty.add(n);
  }

  /** Values of a key, most used first; configured names are included even when no post uses them yet. */
  values(key: string): ValueUse[] {
    const out = new Map<string, ValueUse>();
    for (const [v, a] of this.keys.get(key)?.values ?? []) out.set(v, { value: v, count: a.count, files: firstN(a.files, 3) });
    for (const name of Object.keys(this.config.entities[key] ?? {})) if (!out.has(name)) out.set(name, { value: name, count: 0, files: [] });
    return [...out.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  use(key: string, value: string): ValueUse | undefined {
    const a = this.keys.get(key)?.values.get(value);
    return a ? { value, count: a.count, files: firstN(a.files, 3) } : undefined;
  }

  /** Every file using exactly this value (values() and use() only keep three examples). */
  filesOf(key: string, value: string): string[] { return [...this.keys.get(key)?.values.get(value)?.files ?? []]; }

  /** Keys that have at least one value in some post. */
  usedKeys(): string[] { return [...this.keys.keys()]; }

  /**
   * The entities of a key, each spelling grouped under its canonical name (configured names included),
   * most used first. The list is kept in place and patched after changes; treat it as read-only.
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
      let win: [string, Agg] | undefined;
      for (const cur of g.values) {
        if (!win) { win = cur; continue; }
        const d = cur[1].count - win[1].count || caseRank(cur[0]) - caseRank(win[0]) || (cur[0] < win[0] ? 1 : -1);
        if (d > 0) win = cur;
      }
      g.best = win ? win[0] : '';
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
    for (const n of t.norms.get(name) ?? []) for (const sv of st.groups.get(n)?.values ?? []) spellings.push(sv);
    if (!spellings.length && !(name in configured)) return undefined;
    let count = 0;
    let files: string[] = [];
    if (spellings.length === 1) {
      count = spellings[0][1].count;
      files = firstN(spellings[0][1].files, 3);
    } else if (spellings.length > 1) {
      // The canonical spelling's posts make the better examples.
      spellings.sort((a, b) => (a[0] === name ? -1 : b[0] === name ? 1 : b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)));
      const all = new Set<string>();
      for (const [, a] of spellings) for (const f of a.files) all.add(f);
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
