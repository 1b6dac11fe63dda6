// Benchmark inputs: the real corpus, large posts and a 10,000-post blog built deterministically from its paragraphs and front matters.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Bump when the generator changes, so cached inputs under bench/.work are rebuilt. */
const GENERATOR_VERSION = 4;

export interface CorpusPost { file: string; name: string; text: string; bytes: number; fm: FmLine[] | undefined; body: string; chunks: string[] }

/** A front-matter line group: a key line with its continuation or list-item lines. */
interface FmLine { key: string; head: string; items: string[] | null; itemIndent: string; rest: string[] }

export interface Paths { root: string; shared: string; corpus: string; work: string }

export function paths(root: string): Paths {
  const shared = process.env.BENCH_SHARED ? path.resolve(process.env.BENCH_SHARED) : path.resolve(root, '..', 'shared');
  return { root, shared, corpus: path.join(shared, 'corpus', 'posts'), work: path.join(root, 'bench', '.work') };
}

/** Deterministic PRNG (mulberry32), so every run builds the same inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitFrontMatter(text: string): { fm: FmLine[] | undefined; body: string } {
  if (!text.startsWith('---\n')) return { fm: undefined, body: text };
  const close = text.indexOf('\n---\n', 3);
  if (close === -1) return { fm: undefined, body: text };
  const lines = text.slice(4, close).split('\n');
  const fm: FmLine[] = [];
  for (const line of lines) {
    const m = /^([A-Za-z_][\w-]*):(.*)$/.exec(line);
    if (m) { fm.push({ key: m[1], head: line, items: m[2].trim() === '' ? [] : null, itemIndent: '', rest: [] }); continue; }
    const last = fm[fm.length - 1];
    if (!last) continue;
    const item = /^(\s*)- (.*)$/.exec(line);
    if (item && last.items) { last.itemIndent = item[1]; last.items.push(item[2]); }
    // A long quoted item folded onto the next line belongs to that item.
    else if (last.items?.length && !last.rest.length && /^\s+\S/.test(line)) last.items[last.items.length - 1] += ' ' + line.trim();
    else last.rest.push(line);
  }
  return { fm, body: text.slice(close + 5) };
}

/**
 * Splits a body into blocks at blank lines, never inside a `<details>` block or a code fence, so that
 * concatenating consecutive blocks keeps every Chinese paragraph next to its English block.
 */
export function chunksOf(body: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let depth = 0, fence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (!fence) {
      depth += (line.match(/<details\b/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
      if (depth < 0) depth = 0;
    }
    if (line.trim() === '' && depth === 0 && !fence) {
      if (cur.length) { out.push(cur.join('\n')); cur = []; }
      continue;
    }
    cur.push(line);
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}

export function loadCorpus(dir: string): CorpusPost[] {
  if (!fs.existsSync(dir)) throw new Error(`the corpus is missing: ${dir} (expected ../shared/corpus/posts beside the repository; set BENCH_SHARED to override)`);
  const names = fs.readdirSync(dir).filter(n => n.endsWith('.md')).sort();
  return names.map(name => {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const { fm, body } = splitFrontMatter(text);
    return { file, name, text, bytes: Buffer.byteLength(text), fm, body, chunks: chunksOf(body) };
  });
}

export function largest(posts: readonly CorpusPost[]): CorpusPost {
  return [...posts].sort((a, b) => b.bytes - a.bytes)[0];
}

function fmText(lines: FmLine[]): string {
  const out: string[] = [];
  for (const l of lines) {
    out.push(l.head);
    if (l.items) for (const it of l.items) out.push(`${l.itemIndent}- ${it}`);
    out.push(...l.rest);
  }
  return `---\n${out.join('\n')}\n---\n`;
}

/**
 * A post of about `bytes` UTF-8 bytes: the largest post's front matter, then whole real posts' bodies block by
 * block, largest posts first, cycling as needed; cut at a block boundary.
 */
export function bigPost(posts: readonly CorpusPost[], bytes: number): string {
  const top = largest(posts);
  const parts: string[] = [fmText(top.fm ?? [])];
  let size = Buffer.byteLength(parts[0]);
  const order = [...posts].filter(p => p.chunks.length).sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  for (let i = 0; size < bytes; i++) {
    const p = order[i % order.length];
    for (const c of p.chunks) {
      parts.push(c + '\n\n');
      size += Buffer.byteLength(c) + 2;
      if (size >= bytes) break;
    }
  }
  return parts.join('');
}

// ------------------------------------------------------------------ the 10,000-post blog

const LIST_KEYS = ['tags', 'people', 'companies_orgs', 'products_models', 'media_books', 'project'];
const SCALAR_POOL_KEYS = ['speaker', 'author', 'category', 'area', 'status', 'guest', 'series'];
const MIXED_SCALARS = ['speaker', 'author', 'guest'];

function unq(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && ((t[0] === "'" && t.endsWith("'")) || (t[0] === '"' && t.endsWith('"')))) return t.slice(1, -1);
  return t;
}

function yamlQuote(s: string): string {
  return /^[\w\u3400-\u9fff\uf900-\ufaff][\w \u3400-\u9fff\uf900-\ufaff.-]*$/.test(s) && !/^(true|false|null|yes|no|~|[0-9.+-]+)$/i.test(s) && !s.endsWith(' ')
    ? s : `'${s.replace(/'/g, "''")}'`;
}

/** Real values per key, most used first, with their counts. */
function pools(posts: readonly CorpusPost[]): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  const add = (k: string, v: string) => {
    if (!v) return;
    let m = counts.get(k);
    if (!m) { m = new Map(); counts.set(k, m); }
    m.set(v, (m.get(v) ?? 0) + 1);
  };
  for (const p of posts) for (const l of p.fm ?? []) {
    if (LIST_KEYS.includes(l.key) && l.items) for (const it of l.items) add(l.key, unq(it));
    else if (SCALAR_POOL_KEYS.includes(l.key) && !l.rest.length) add(l.key, unq(l.head.slice(l.key.length + 1)));
  }
  const out = new Map<string, string[]>();
  for (const [k, m] of counts) out.set(k, [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(e => e[0]));
  return out;
}

/**
 * A value for a key: mostly a real one, skewed towards the most used (as real tags are); sometimes a new
 * value made of two real ones' halves, so a 10,000-post blog has a realistic long tail of entities; now and then
 * a case variant (`NVIDIA` beside `Nvidia`), as real posts have.
 */
function pick(pool: readonly string[], rnd: () => number, mix = true): string {
  const a = pool[Math.floor(pool.length * rnd() ** 2)];
  if (!mix) return a;
  const r = rnd();
  if (r < 0.25) {
    const b = pool[Math.floor(pool.length * rnd())];
    const sep = /[- ]/.exec(a)?.[0];
    if (sep && b.includes(sep)) return a.slice(0, a.indexOf(sep)) + b.slice(b.indexOf(sep));
    const ha = Math.ceil([...a].length / 2), hb = Math.floor([...b].length / 2);
    return [...a].slice(0, ha).join('') + [...b].slice(hb).join('');
  }
  if (r < 0.27 && /[a-z]/.test(a)) return a.toUpperCase();
  if (r < 0.29 && /[A-Z]/.test(a)) return a.toLowerCase();
  return a;
}

function generatedPost(i: number, withFm: readonly CorpusPost[], pool: Map<string, string[]>, allChunks: readonly string[], rnd: () => number): string {
  const base = withFm[Math.floor(rnd() * withFm.length)];
  const lines: FmLine[] = (base.fm ?? []).map(l => ({ ...l, items: l.items ? [...l.items] : null, rest: [...l.rest] }));
  for (const l of lines) {
    if (l.key === 'title' && !l.rest.length) l.head = `title: ${yamlQuote(`${unq(l.head.slice(6))} ${i + 1}`)}`;
    else if (l.key === 'date') {
      const d = new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 8 * 365) * 86400000);
      l.head = `date: '${d.toISOString().slice(0, 10)}'`;
    } else if (l.key === 'source' && !l.rest.length) {
      const id = Array.from({ length: 11 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(rnd() * 64)]).join('');
      l.head = `source: https://www.youtube.com/watch?v=${id}`;
    } else if (LIST_KEYS.includes(l.key) && l.items && pool.get(l.key)?.length) {
      const n = l.items.length || (rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0);
      const seen = new Set<string>();
      for (let k = 0; k < n * 2 && seen.size < n; k++) seen.add(pick(pool.get(l.key)!, rnd));
      l.items = [...seen].map(yamlQuote);
      if (!l.items.length) { l.head = `${l.key}: []`; l.items = null; }
    } else if (LIST_KEYS.includes(l.key) && l.head.trim().endsWith('[]') && pool.get(l.key)?.length && rnd() < 0.3) {
      l.head = `${l.key}:`;
      l.itemIndent = lines.find(x => x.items?.length)?.itemIndent ?? '';
      l.items = [yamlQuote(pick(pool.get(l.key)!, rnd))];
    } else if (SCALAR_POOL_KEYS.includes(l.key) && !l.rest.length && pool.get(l.key)?.length && unq(l.head.slice(l.key.length + 1))) {
      // Taxonomy scalars (area, category, status) keep their small closed sets; names get the long tail.
      l.head = `${l.key}: ${yamlQuote(pick(pool.get(l.key)!, rnd, MIXED_SCALARS.includes(l.key)))}`;
    }
  }
  // About 30 KB (24–36 KB) of consecutive real blocks, starting anywhere in the corpus.
  const target = 24000 + Math.floor(rnd() * 12000);
  const parts: string[] = [fmText(lines)];
  let size = Buffer.byteLength(parts[0]);
  for (let c = Math.floor(rnd() * allChunks.length); size < target; c = (c + 1) % allChunks.length) {
    parts.push(allChunks[c] + '\n\n');
    size += Buffer.byteLength(allChunks[c]) + 2;
  }
  return parts.join('');
}

function corpusStamp(posts: readonly CorpusPost[], extra: string): string {
  const h = crypto.createHash('sha1');
  h.update(String(GENERATOR_VERSION) + extra);
  for (const p of posts) h.update(p.name + '\0' + p.text);
  return h.digest('hex');
}

/**
 * The generated blog under bench/.work/blog-N/posts (reused when the corpus and generator are unchanged).
 * Returns the files, sorted.
 */
export function generatedBlog(posts: readonly CorpusPost[], workDir: string, count: number): { dir: string; files: string[]; bytes: number } {
  const dir = path.join(workDir, `blog-${count}`);
  const postsDir = path.join(dir, 'posts');
  const stampFile = path.join(dir, '.stamp');
  const stamp = corpusStamp(posts, `blog:${count}`);
  const names = Array.from({ length: count }, (_, i) => `post-${String(i + 1).padStart(5, '0')}.md`);
  const files = names.map(n => path.join(postsDir, n));
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
    return { dir, files, bytes };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(postsDir, { recursive: true });
  const rnd = prng(0x5eed + count);
  const withFm = posts.filter(p => p.fm && p.fm.length > 3);
  const pool = pools(posts);
  const allChunks = posts.flatMap(p => p.chunks);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = generatedPost(i, withFm, pool, allChunks, rnd);
    fs.writeFileSync(files[i], text);
    bytes += Buffer.byteLength(text);
  }
  fs.writeFileSync(stampFile, stamp);
  return { dir, files, bytes };
}

/** Writes a text under bench/.work once (reused while unchanged); returns its path. */
export function workFile(workDir: string, name: string, text: string): string {
  const f = path.join(workDir, name);
  if (!fs.existsSync(f) || fs.statSync(f).size !== Buffer.byteLength(text) || fs.readFileSync(f, 'utf8') !== text) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  }
  return f;
}
