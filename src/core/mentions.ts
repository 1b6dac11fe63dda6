// Entities a post mentions in its body but not in its front matter, and the front-matter list edits that add or rename values.
//
// List style: a value joins an existing block list as one more `- item` line with that list's indent; a
// non-empty flow list `[a, b]` stays flow (`[a, b, c]`); an empty `[]`, a null or a plain string value becomes a
// block list in the post's own list indent (`frontMatter.listIndent`, '' when the post has none), because the
// blog writes empty lists as `[]` and filled ones as block lists. A missing key is inserted where the post's
// key order puts it: alphabetically when its keys are sorted (the machine-written posts), else after the
// nearest key that precedes it in the schema.
import type { Config } from './config';
import { normalizeEntity, type EntityIndex } from './entities';
import type { FmEntry } from './frontmatter';
import type { Post } from './post';
import { yamlScalar } from './completion';
import { eolOf, type TextEdit } from './text';

/** Entity keys whose names are looked for in the body (tags and projects are topics, not names in the text). */
export function mentionKeys(config: Pick<Config, 'schema' | 'entities'>): string[] {
  const keys = config.schema.keys.filter(k => k.entity && k.key !== 'tags' && k.key !== 'project').map(k => k.key);
  for (const k of Object.keys(config.entities)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

export interface Mention {
  key: string;
  /** The canonical name to add. */
  name: string;
  /** The text found in the body (the name or an alias). */
  surface: string;
  /** First occurrence in the body. */
  start: number;
  end: number;
}

interface Surface { surface: string; key: string; name: string; weight: number }
interface Matcher { byWord: Map<string, Surface[]>; byChar: Map<string, Surface[]> }

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
function isAlnum(c: number): boolean { return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }

/** Names short or generic enough to match ordinary words are left out unless the blog configured them. */
function usableSurface(s: string, configured: boolean): boolean {
  if (HAN.test(s)) return [...s].length >= 2;
  if (s.length < 2 || !/[A-Za-z]/.test(s)) return false;
  if (!configured && (s === s.toLowerCase() || s.length < 3)) return false;
  return true;
}

const matcherCache = new WeakMap<EntityIndex, { stamp: string; config: unknown; matcher: Matcher }>();

function buildMatcher(index: EntityIndex, config: Pick<Config, 'schema' | 'entities'>): Matcher {
  // Rebuilt only when an entity list changed (not for tags, titles or saves that leave the front matter alone).
  const stamp = mentionKeys(config).map(k => index.keyVersion(k)).join(',');
  const hit = matcherCache.get(index);
  if (hit && hit.stamp === stamp && hit.config === config) return hit.matcher;
  const best = new Map<string, Surface>();
  for (const key of mentionKeys(config)) {
    for (const e of index.entities(key)) {
      const weight = (e.configured ? 1e9 : 0) + e.count;
      const surfaces: [string, boolean][] = [[e.name, e.configured], ...e.aliases.map((a): [string, boolean] => [a, true]), ...e.variants.map((v): [string, boolean] => [v, false])];
      for (const [raw, configured] of surfaces) {
        const s = raw.trim();
        if (!usableSurface(s, configured)) continue;
        const prev = best.get(s);
        // A name used under several keys goes where the blog uses it most.
        if (!prev || prev.weight < weight) best.set(s, { surface: s, key, name: e.name, weight });
      }
    }
  }
  const matcher: Matcher = { byWord: new Map(), byChar: new Map() };
  for (const s of best.values()) {
    const first = s.surface.charCodeAt(0);
    const map = isAlnum(first) ? matcher.byWord : matcher.byChar;
    const k = isAlnum(first) ? /^[A-Za-z0-9]+/.exec(s.surface)![0] : s.surface[0];
    let list = map.get(k);
    if (!list) { list = []; map.set(k, list); }
    list.push(s);
  }
  // Longer surfaces first, so "Michael Burry" wins over "Michael" at the same place.
  for (const list of [...matcher.byWord.values(), ...matcher.byChar.values()]) list.sort((a, b) => b.surface.length - a.surface.length);
  matcherCache.set(index, { stamp, config, matcher });
  return matcher;
}

/** The body ranges that are prose: text, headings and the English inside details blocks (not code, HTML, comments). */
function proseRanges(post: Post): [number, number][] {
  const out: [number, number][] = [];
  for (const b of post.blocks) {
    if (b.kind === 'text' || b.kind === 'heading' || b.kind === 'table') out.push([b.start, b.end]);
    else if (b.kind === 'english') out.push([b.textStart, b.textEnd]);
  }
  return out;
}

/** The values a post's front matter already lists under entity keys, normalised (and their canonical names). */
function presentNames(post: Post, index: EntityIndex, config: Pick<Config, 'schema' | 'entities'>): Set<string> {
  const out = new Set<string>();
  const keys = new Set([...config.schema.keys.filter(k => k.entity).map(k => k.key), ...Object.keys(config.entities)]);
  for (const e of post.frontMatter?.entries ?? []) {
    if (!keys.has(e.key)) continue;
    const vals = e.value.kind === 'list' ? e.value.items.map(i => i.value) : e.value.kind === 'scalar' ? [e.value.value] : [];
    for (const v of vals) {
      if (v == null || v === '') continue;
      const s = String(v);
      out.add(normalizeEntity(s));
      const c = index.canonical(e.key, s);
      if (c) out.add(normalizeEntity(c));
    }
  }
  return out;
}

/**
 * Known entities (configured names and aliases, and names other posts list) that the body mentions and the
 * front matter lacks, in order of first mention. Case-sensitive, on word boundaries for Latin names.
 */
export function findMentions(post: Post, index: EntityIndex, config: Pick<Config, 'schema' | 'entities'>): Mention[] {
  if (!post.frontMatter) return [];
  const matcher = buildMatcher(index, config);
  const present = presentNames(post, index, config);
  const found = new Map<string, Mention>();
  const text = post.text;
  const consider = (s: Surface, at: number) => {
    const id = s.key + '\u0000' + s.name;
    if (found.has(id) || present.has(normalizeEntity(s.name)) || present.has(normalizeEntity(s.surface))) return;
    found.set(id, { key: s.key, name: s.name, surface: s.surface, start: at, end: at + s.surface.length });
  };
  const fits = (s: Surface, at: number, to: number) => {
    if (at + s.surface.length > to || !text.startsWith(s.surface, at)) return false;
    const last = s.surface.charCodeAt(s.surface.length - 1);
    return !(isAlnum(last) && at + s.surface.length < text.length && isAlnum(text.charCodeAt(at + s.surface.length)));
  };
  for (const [from, to] of proseRanges(post)) {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isAlnum(c)) {
        let j = i + 1;
        while (j < to && isAlnum(text.charCodeAt(j))) j++;
        const list = matcher.byWord.get(text.slice(i, j));
        if (list) for (const s of list) if (fits(s, i, to)) { consider(s, i); break; }
        i = j;
        continue;
      }
      const list = matcher.byChar.get(text[i]);
      if (list) for (const s of list) if (fits(s, i, to)) { consider(s, i); break; }
      i++;
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------- front-matter list edits

function lineStartOf(text: string, offset: number): number { return text.lastIndexOf('\n', offset - 1) + 1; }
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}
function colonEnd(text: string, e: FmEntry): number {
  const c = text.indexOf(':', e.keyEnd);
  return c === -1 ? e.keyEnd : c + 1;
}

/**
 * Edits that add values to front-matter lists, keeping the post's key order and list style (see the header).
 * Values a list already holds (any spelling that normalises alike) are skipped. Keys whose value is not a
 * plain list or scalar (nested YAML) are left alone.
 */
export function addToFrontMatter(post: Post, additions: readonly { key: string; value: string }[], config: Pick<Config, 'schema'>): TextEdit[] {
  const fm = post.frontMatter;
  if (!fm || !fm.closed) return [];
  const text = post.text;
  const eol = eolOf(text);
  const indent = fm.listIndent ?? '';
  const byKey = new Map<string, string[]>();
  for (const { key, value } of additions) {
    const v = value.trim();
    if (!v) continue;
    const list = byKey.get(key) ?? [];
    if (!list.some(x => normalizeEntity(x) === normalizeEntity(v))) list.push(v);
    byKey.set(key, list);
  }
  const edits: TextEdit[] = [];
  const newKeys: { key: string; values: string[] }[] = [];
  const block = (values: readonly string[], ind: string) => values.map(v => `${eol}${ind}- ${yamlScalar(v)}`).join('');
  for (const [key, values0] of byKey) {
    const entry = fm.entries.find(e => e.key === key);
    if (!entry) { newKeys.push({ key, values: values0 }); continue; }
    const v = entry.value;
    if (v.kind === 'other') continue;
    const have = v.kind === 'list' ? v.items.map(i => String(i.value ?? '')) : v.value == null || v.value === '' ? [] : [String(v.value)];
    const values = values0.filter(x => !have.some(h => normalizeEntity(h) === normalizeEntity(x)));
    if (!values.length) continue;
    if (v.kind === 'list' && v.items.length && !v.flow) {
      const last = v.items[v.items.length - 1];
      const firstLine = lineStartOf(text, v.items[0].start);
      const ind = /^[ \t]*/.exec(text.slice(firstLine, v.items[0].start))![0];
      const at = lineEndOf(text, last.end);
      edits.push({ start: at, end: at, newText: block(values, ind) });
    } else if (v.kind === 'list' && v.items.length && v.flow) {
      const last = v.items[v.items.length - 1];
      edits.push({ start: last.end, end: last.end, newText: values.map(x => `, ${yamlScalar(x, true)}`).join('') });
    } else {
      // [], null, '' or a lone string: becomes a block list (the string stays its first item).
      const keep = v.kind === 'scalar' && v.value != null && v.value !== '' ? [v.raw] : [];
      const end = v.kind === 'scalar' && !v.raw ? lineEndOf(text, colonEnd(text, entry)) : v.end;
      edits.push({ start: colonEnd(text, entry), end, newText: keep.map(r => `${eol}${indent}- ${r}`).join('') + block(values, indent) });
    }
  }
  if (newKeys.length) edits.push(...insertKeys(post, newKeys, config, eol, indent));
  return mergeSamePlace(edits);
}

function lineEndOf(text: string, offset: number): number {
  let e = text.indexOf('\n', offset);
  if (e === -1) e = text.length;
  if (e > offset && text.charCodeAt(e - 1) === 13) e--;
  return e;
}

function insertKeys(post: Post, newKeys: { key: string; values: string[] }[], config: Pick<Config, 'schema'>, eol: string, indent: string): TextEdit[] {
  const fm = post.frontMatter!;
  const text = post.text;
  const keys = fm.entries.map(e => e.key);
  const sorted = keys.length >= 3 && keys.every((k, i) => i === 0 || keys[i - 1] <= k);
  const order = (k: string) => { const i = config.schema.keys.findIndex(s => s.key === k); return i === -1 ? 1e6 : i; };
  newKeys.sort((a, b) => sorted ? (a.key < b.key ? -1 : 1) : order(a.key) - order(b.key));
  const out: TextEdit[] = [];
  for (const nk of newKeys) {
    let at: number;
    if (sorted) {
      const next = fm.entries.find(e => e.key > nk.key);
      at = next ? lineStartOf(text, next.keyStart) : fm.contentEnd;
    } else {
      let prev: FmEntry | undefined;
      for (const e of fm.entries) if (order(e.key) < order(nk.key) && (!prev || order(e.key) >= order(prev.key))) prev = e;
      at = prev ? nextLineStart(text, prev.end) : fm.entries.length ? lineStartOf(text, fm.entries[0].keyStart) : fm.contentEnd;
    }
    const lead = at > 0 && text.charCodeAt(at - 1) !== 10 ? eol : '';
    const body = nk.values.map(v => `${eol}${indent}- ${yamlScalar(v)}`).join('');
    out.push({ start: at, end: at, newText: `${lead}${nk.key}:${body}${eol}` });
  }
  return out;
}

/** Inserts at one place become one edit, in order, so every editor applies them the same way. */
function mergeSamePlace(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find(o => o.start === e.start && o.end === e.start && e.end === e.start);
    if (same) same.newText += e.newText; else out.push({ ...e });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The edits of the "Add entities mentioned in this post" action (empty when nothing is missing). */
export function addMentionedEntities(post: Post, index: EntityIndex, config: Pick<Config, 'schema' | 'entities'>): { mentions: Mention[]; edits: TextEdit[] } {
  const mentions = findMentions(post, index, config);
  return { mentions, edits: mentions.length ? addToFrontMatter(post, mentions.map(m => ({ key: m.key, value: m.name })), config) : [] };
}

/**
 * Renames a value under one key in a post: list items and scalars (one name among "A, B" for speaker/guest).
 * An item whose list already holds the new name is removed instead, so the list never repeats it.
 */
export function renameValueEdits(post: Post, key: string, from: string, to: string): TextEdit[] {
  const fm = post.frontMatter;
  if (!fm || from === to) return [];
  const text = post.text;
  const out: TextEdit[] = [];
  const requote = (raw: string, flow: boolean) => raw.startsWith("'") ? `'${to.replace(/'/g, "''")}'` : raw.startsWith('"') ? JSON.stringify(to) : yamlScalar(to, flow);
  for (const e of fm.entries) {
    if (e.key !== key) continue;
    const v = e.value;
    if (v.kind === 'list') {
      const hasTo = v.items.some(i => String(i.value) === to);
      v.items.forEach((it, n) => {
        if (String(it.value) !== from) return;
        if (!hasTo) { out.push({ start: it.start, end: it.end, newText: requote(it.raw, v.flow) }); return; }
        if (!v.flow) {
          const ls = lineStartOf(text, it.start);
          out.push({ start: ls, end: nextLineStart(text, it.end), newText: '' });
        } else if (n > 0) out.push({ start: v.items[n - 1].end, end: it.end, newText: '' });
        else if (v.items.length > 1) out.push({ start: it.start, end: v.items[1].start, newText: '' });
      });
    } else if (v.kind === 'scalar' && typeof v.value === 'string') {
      if (v.value === from) out.push({ start: v.start, end: v.end, newText: requote(v.raw, false) });
      else if (/[,，]/.test(v.value) && !v.quoted) {
        // "A, B": rename the one name in place.
        let pos = 0;
        for (const part of v.raw.split(/([,，])/)) {
          if (part.trim() === from) {
            const lead = part.length - part.trimStart().length;
            out.push({ start: v.start + pos + lead, end: v.start + pos + lead + from.length, newText: to });
          }
          pos += part.length;
        }
      }
    }
  }
  return out;
}
