// The workspace entity index: every post's front-matter values with counts and where they are used.
import type { Config } from './config';
import { entryData, parseFrontMatter, type FrontMatter } from './frontmatter';

/** Keys the index records: the entity lists and the scalar taxonomy keys completion offers values for. */
export const INDEXED_SCALARS = ['speaker', 'area', 'category', 'status', 'layout', 'series'];

/** Case, spacing and punctuation do not make a different entity: `NVIDIA` ~ `Nvidia`, `Open AI` ~ `OpenAI`. */
export function normalizeEntity(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\-_.,·・'’"“”()（）&+/]+/g, '');
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

interface Agg { count: number; files: Set<string> }

/**
 * Incremental index: update() and remove() keep per-value counts exact without rescanning other files,
 * so a change costs what that one file holds.
 */
export class EntityIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly byKey = new Map<string, Map<string, Agg>>();
  private version = 0;
  private canonicalCache = new Map<string, Map<string, string>>();
  private entityCache = new Map<string, { list: EntityUse[]; byName: Map<string, EntityUse> }>();

  constructor(private config: Pick<Config, 'entities' | 'schema'>) {}

  get size(): number { return this.files.size; }
  get generation(): number { return this.version; }
  setConfig(config: Pick<Config, 'entities' | 'schema'>): void { this.config = config; this.bump(); }

  entityKeys(): string[] { return this.config.schema.keys.filter(k => k.entity).map(k => k.key); }

  /** Indexes a post's text (only its front matter is read). */
  updateText(file: string, text: string): void {
    this.update(file, fileEntryOf(parseFrontMatter(text), this.entityKeys()));
  }

  update(file: string, entry: FileEntry): void {
    this.removeQuiet(file);
    this.files.set(file, entry);
    for (const [key, vals] of Object.entries(entry.values)) {
      let m = this.byKey.get(key);
      if (!m) { m = new Map(); this.byKey.set(key, m); }
      for (const v of new Set(vals)) {
        let a = m.get(v);
        if (!a) { a = { count: 0, files: new Set() }; m.set(v, a); }
        a.count++;
        a.files.add(file);
      }
    }
    this.bump();
  }

  remove(file: string): void { if (this.removeQuiet(file)) this.bump(); }

  rename(from: string, to: string): void {
    const e = this.files.get(from);
    if (!e) return;
    this.remove(from);
    this.update(to, e);
  }

  has(file: string): boolean { return this.files.has(file); }
  entry(file: string): FileEntry | undefined { return this.files.get(file); }
  fileNames(): IterableIterator<string> { return this.files.keys(); }

  private removeQuiet(file: string): boolean {
    const old = this.files.get(file);
    if (!old) return false;
    this.files.delete(file);
    for (const [key, vals] of Object.entries(old.values)) {
      const m = this.byKey.get(key);
      if (!m) continue;
      for (const v of new Set(vals)) {
        const a = m.get(v);
        if (!a) continue;
        a.count--;
        a.files.delete(file);
        if (a.count <= 0) m.delete(v); // nothing is kept for values no post uses any more
      }
    }
    return true;
  }

  private bump(): void { this.version++; this.canonicalCache.clear(); this.entityCache.clear(); }

  /** Values of a key, most used first; configured names are included even when no post uses them yet. */
  values(key: string): ValueUse[] {
    const out = new Map<string, ValueUse>();
    for (const [v, a] of this.byKey.get(key) ?? []) out.set(v, { value: v, count: a.count, files: firstN(a.files, 3) });
    for (const name of Object.keys(this.config.entities[key] ?? {})) if (!out.has(name)) out.set(name, { value: name, count: 0, files: [] });
    return [...out.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  use(key: string, value: string): ValueUse | undefined {
    const a = this.byKey.get(key)?.get(value);
    return a ? { value, count: a.count, files: firstN(a.files, 3) } : undefined;
  }

  /** Every file using exactly this value (values() and use() only keep three examples). */
  filesOf(key: string, value: string): string[] { return [...this.byKey.get(key)?.get(value)?.files ?? []]; }

  /** Keys that have at least one value in some post. */
  usedKeys(): string[] { return [...this.byKey.keys()]; }

  /**
   * The entities of a key, each spelling grouped under its canonical name (configured names included),
   * most used first. Cached until the index or config changes, so completion on a large blog stays cheap.
   */
  entities(key: string): EntityUse[] {
    return this.entityTable(key).list;
  }

  private entityTable(key: string): { list: EntityUse[]; byName: Map<string, EntityUse> } {
    const hit = this.entityCache.get(key);
    if (hit) return hit;
    const groups = new Map<string, { spellings: [string, Agg][] }>();
    for (const [v, a] of this.byKey.get(key) ?? []) {
      const name = this.canonical(key, v) ?? v;
      let g = groups.get(name);
      if (!g) { g = { spellings: [] }; groups.set(name, g); }
      g.spellings.push([v, a]);
    }
    const configured = this.config.entities[key] ?? {};
    for (const name of Object.keys(configured)) if (!groups.has(name)) groups.set(name, { spellings: [] });
    const out: EntityUse[] = [];
    for (const [name, g] of groups) {
      let count: number;
      let files: string[];
      if (g.spellings.length === 1) {
        count = g.spellings[0][1].count;
        files = firstN(g.spellings[0][1].files, 3);
      } else {
        const all = new Set<string>();
        // The canonical spelling's posts make the better examples.
        g.spellings.sort((a, b) => (a[0] === name ? -1 : b[0] === name ? 1 : b[1].count - a[1].count));
        for (const [, a] of g.spellings) for (const f of a.files) all.add(f);
        count = all.size;
        files = firstN(all, 3);
      }
      const aliases = configured[name] ?? [];
      const variants = g.spellings.map(s => s[0]).filter(v => v !== name && !aliases.includes(v));
      out.push({ name, count, files, aliases, variants, configured: name in configured });
    }
    out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const table = { list: out, byName: new Map(out.map(e => [e.name, e])) };
    this.entityCache.set(key, table);
    return table;
  }

  /** The entity a value belongs to (by name, alias or variant spelling). */
  entity(key: string, value: string): EntityUse | undefined {
    const name = this.canonical(key, value) ?? value;
    return this.entityTable(key).byName.get(name);
  }

  /** Title of an indexed post, if its front matter has one. */
  title(file: string): string | undefined { return this.files.get(file)?.title; }

  /** Configured aliases of a canonical name. */
  aliases(key: string, name: string): string[] { return this.config.entities[key]?.[name] ?? []; }

  /**
   * The spelling a value should have: the configured name it matches (by name, alias or normalised form),
   * else the most used spelling among the values that normalise alike.
   */
  canonical(key: string, value: string): string | undefined {
    let cache = this.canonicalCache.get(key);
    if (!cache) { cache = this.buildCanonical(key); this.canonicalCache.set(key, cache); }
    const exactAlias = cache.get('\u0000' + value);
    if (exactAlias) return exactAlias;
    return cache.get(normalizeEntity(value));
  }

  private buildCanonical(key: string): Map<string, string> {
    const map = new Map<string, string>();
    const groups = new Map<string, { value: string; count: number }[]>();
    for (const [v, a] of this.byKey.get(key) ?? []) {
      const n = normalizeEntity(v);
      if (!n) continue;
      let g = groups.get(n);
      if (!g) { g = []; groups.set(n, g); }
      g.push({ value: v, count: a.count });
    }
    for (const [n, g] of groups) {
      g.sort((a, b) => b.count - a.count || caseRank(b.value) - caseRank(a.value) || (a.value < b.value ? -1 : 1));
      map.set(n, g[0].value);
    }
    // Configured names win over counts.
    for (const [name, aliases] of Object.entries(this.config.entities[key] ?? {})) {
      map.set(normalizeEntity(name), name);
      for (const alias of aliases) {
        map.set('\u0000' + alias, name);
        map.set(normalizeEntity(alias), name);
      }
    }
    return map;
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
