// Front-matter completion and hover: where the cursor is (key, scalar value, list item) and what to offer there.
import type { Config } from './config';
import { INDEXED_SCALARS, normalizeEntity, type EntityIndex, type EntityUse } from './entities';
import { parseFrontMatter, type FmEntry, type FrontMatter } from './frontmatter';
import { specOf, type KeySpec } from './schema';
import { eolOf, type TextEdit } from './text';

export type Quote = '' | "'" | '"';

/**
 * Where the cursor is in the front matter. `start` is where the typed prefix begins (VS Code filters on
 * text[start, cursor)); `end` is the end of the token a completion replaces.
 */
export type FmContext =
  | { kind: 'key'; start: number; end: number; prefix: string; present: string[] }
  /** After `key:` of a scalar key. `lead` is what must precede the value (a space right after the colon). */
  | { kind: 'value'; key: string; start: number; end: number; prefix: string; quote: Quote; lead: string; existing: string[] }
  /** A list item: `- |` in a block list or `[a, |]` in a flow list. */
  | { kind: 'item'; key: string; start: number; end: number; prefix: string; quote: Quote; lead: string; existing: string[]; flow: boolean }
  /** After `key:` of a list key with no list yet: a value becomes the list's first block item. */
  | { kind: 'list-start'; key: string; start: number; end: number; prefix: string; colonEnd: number; existing: string[] };

export interface FmCompletion {
  label: string;
  kind: 'key' | 'value' | 'entity' | 'date' | 'boolean';
  /** Short text beside the label (aliases). */
  description?: string;
  /** Usage: "12 posts". */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  filterText: string;
  sortText: string;
  insertText: string;
  /** Replace range; the insert range is [start, cursor). */
  start: number;
  end: number;
  additionalEdits?: TextEdit[];
  /** Open the suggestions again after inserting (a key whose values can be completed). */
  retrigger?: boolean;
  count?: number;
}

export interface FmCompletionResult { context: FmContext; items: FmCompletion[]; incomplete: boolean }

export interface CompletionOptions {
  /** Today's date (local), for date values; defaults to now. */
  today?: Date;
  /** How many value items at most; more makes the list incomplete so VS Code asks again as the user types. */
  limit?: number;
  /** How to show a post in the documentation (a relative path); defaults to the last path segment. */
  fileLabel?: (file: string) => string;
}

const KEY_LINE = /^([A-Za-z_][\w-]*)([ \t]*):/;
const ITEM_LINE = /^([ \t]*)-(?=[ \t]|$)/;
const KEY_PREFIX = /^[A-Za-z_][\w-]*$/;
/** Scalar keys whose value is several names separated by commas. */
const MULTI_NAME_KEYS = new Set(['speaker', 'guest']);

interface Line { start: number; end: number; text: string }

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end, text: text.slice(start, end) };
}

/** The line before the one starting at `lineStart`, or undefined at `from`. */
function prevLine(text: string, lineStart: number, from: number): Line | undefined {
  if (lineStart <= from) return undefined;
  return lineAt(text, lineStart - 1);
}

function nextLine(text: string, line: Line, to: number): Line | undefined {
  const nl = text.indexOf('\n', line.end);
  if (nl === -1 || nl + 1 >= to) return undefined;
  return lineAt(text, nl + 1);
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t[0] === "'" && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t.length >= 2 && t[0] === '"' && t.endsWith('"')) return t.slice(1, -1);
  return t;
}

function isListKey(key: string, config: Pick<Config, 'schema' | 'entities'>): boolean {
  const spec = specOf(config.schema, key);
  return spec?.type === 'list' || spec?.entity === true || key in config.entities;
}

/** The block list items under a key line (not counting `skip`, the line being edited). */
function itemsBelow(text: string, keyLine: Line, to: number, skip = -1): string[] {
  const out: string[] = [];
  for (let l = nextLine(text, keyLine, to); l; l = nextLine(text, l, to)) {
    if (l.text.trim() === '' || /^\s*#/.test(l.text)) continue;
    const m = ITEM_LINE.exec(l.text);
    if (!m) break;
    if (l.start === skip) continue;
    const v = unquote(l.text.slice(m[0].length));
    if (v) out.push(v);
  }
  return out;
}

/** Splits a flow list's inside on commas that are outside quotes. */
function flowParts(inner: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let q: string | null = null, from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (q) { if (c === q) q = null; continue; }
    if (c === "'" || c === '"') q = c;
    else if (c === ',') { parts.push({ text: inner.slice(from, i), start: from }); from = i + 1; }
  }
  parts.push({ text: inner.slice(from), start: from });
  return parts;
}

/** Whether the front matter's key line region contains `offset`'s line. */
function inFrontMatter(fm: FrontMatter, line: Line): boolean {
  if (line.start < fm.contentStart) return false;
  return line.start < fm.contentEnd || (!fm.closed && line.start === fm.contentEnd);
}

/**
 * Where the cursor is in the front matter, read from the raw lines (the YAML may be half-typed and invalid).
 * Undefined outside the front matter or where nothing can be completed.
 */
export function frontMatterContext(text: string, offset: number, config: Pick<Config, 'schema' | 'entities'>, fm: FrontMatter | undefined = parseFrontMatter(text)): FmContext | undefined {
  if (!fm || offset < fm.contentStart) return undefined;
  const line = lineAt(text, offset);
  if (!inFrontMatter(fm, line)) return undefined;
  const col = offset - line.start;
  const before = line.text.slice(0, col);
  const after = line.text.slice(col);

  const km = KEY_LINE.exec(line.text);
  if (km && col >= km[0].length) return valueContext(text, offset, line, km, config, fm);

  const im = ITEM_LINE.exec(before);
  if (im) {
    const owner = ownerKey(text, line, fm.contentStart);
    if (!owner) return undefined;
    const dashEnd = line.start + im[0].length;
    const typedRaw = text.slice(dashEnd, offset);
    const ws = typedRaw.length - typedRaw.trimStart().length;
    const lead = col === im[0].length && !/^[ \t]/.test(after) ? ' ' : '';
    let start = dashEnd + ws;
    let quote: Quote = '';
    const first = text[start];
    if (start < offset && (first === "'" || first === '"')) { quote = first; start++; }
    const end = tokenEnd(line, offset, quote, false);
    return { kind: 'item', key: owner.key, start, end, prefix: text.slice(start, offset), quote, lead,
      existing: [...owner.flowItems, ...itemsBelow(text, owner.line, fm.contentEnd, line.start)], flow: false };
  }

  if ((before === '' || KEY_PREFIX.test(before)) && !after.includes(':')) {
    const word = /^[\w-]*/.exec(after)![0];
    return { kind: 'key', start: line.start, end: offset + word.length, prefix: before, present: presentKeys(text, fm, line.start) };
  }
  return undefined;
}

function tokenEnd(line: Line, offset: number, quote: Quote, flow: boolean): number {
  const rest = line.text.slice(offset - line.start);
  let n: number;
  if (quote) { const q = rest.indexOf(quote); n = q === -1 ? rest.trimEnd().length : q; }
  else if (flow) { const m = /^[^,\]]*/.exec(rest)![0]; n = m.trimEnd().length; }
  else n = rest.trimEnd().length;
  return offset + n;
}

function presentKeys(text: string, fm: FrontMatter, skipLine: number): string[] {
  const out: string[] = [];
  let pos = fm.contentStart;
  while (pos < fm.contentEnd) {
    const l = lineAt(text, pos);
    const m = l.start !== skipLine ? KEY_LINE.exec(l.text) : null;
    if (m) out.push(m[1]);
    const nl = text.indexOf('\n', l.end);
    if (nl === -1) break;
    pos = nl + 1;
  }
  return out;
}

/** The key a block list item belongs to: the nearest key line above, across other items and blank lines. */
function ownerKey(text: string, line: Line, from: number): { key: string; line: Line; flowItems: string[] } | undefined {
  for (let l = prevLine(text, line.start, from); l; l = prevLine(text, l.start, from)) {
    if (l.text.trim() === '' || /^\s*#/.test(l.text) || ITEM_LINE.test(l.text)) continue;
    const m = KEY_LINE.exec(l.text);
    if (!m) return undefined;
    const rest = l.text.slice(m[0].length).trim();
    const flowItems = rest.startsWith('[') ? flowParts(rest.replace(/^\[|\]\s*$/g, '')).map(p => unquote(p.text)).filter(Boolean) : [];
    return { key: m[1], line: l, flowItems };
  }
  return undefined;
}

function valueContext(text: string, offset: number, line: Line, km: RegExpExecArray, config: Pick<Config, 'schema' | 'entities'>, fm: FrontMatter): FmContext | undefined {
  const key = km[1];
  const colonEnd = line.start + km[0].length;
  const typed = text.slice(colonEnd, offset);
  const ws = typed.length - typed.trimStart().length;
  const rest = typed.trimStart();
  const lineRest = line.text.slice(km[0].length).trim();

  if (rest.startsWith('[')) {
    const openAt = colonEnd + ws;
    const inner = text.slice(openAt + 1, offset);
    if (/\]/.test(inner.replace(/'[^']*'|"[^"]*"/g, ''))) return undefined; // past the closing bracket
    const parts = flowParts(inner);
    const cur = parts[parts.length - 1];
    const segStart = openAt + 1 + cur.start;
    const segWs = cur.text.length - cur.text.trimStart().length;
    let start = segStart + segWs;
    let quote: Quote = '';
    const first = text[start];
    if (start < offset && (first === "'" || first === '"')) { quote = first; start++; }
    const lead = parts.length > 1 && segWs === 0 && start === offset && !quote ? ' ' : '';
    const whole = flowParts(lineRest.replace(/^\[|\]\s*$/g, ''));
    const existing = whole.filter((_, i) => i !== parts.length - 1).map(p => unquote(p.text)).filter(Boolean);
    return { kind: 'item', key, start, end: tokenEnd(line, offset, quote, true), prefix: text.slice(start, offset), quote, lead, existing, flow: true };
  }

  if (isListKey(key, config)) {
    if (/^['"]/.test(rest)) return undefined;
    const start = colonEnd + ws;
    return { kind: 'list-start', key, start, end: tokenEnd(line, offset, '', false), prefix: rest, colonEnd, existing: itemsBelow(text, line, fm.contentEnd) };
  }

  let start = colonEnd + ws;
  let quote: Quote = '';
  const first = text[start];
  if (start < offset && (first === "'" || first === '"')) { quote = first; start++; }
  let lead = ws === 0 && !quote ? ' ' : '';
  let existing: string[] = [];
  if (MULTI_NAME_KEYS.has(key)) {
    const typedValue = text.slice(start, offset);
    const comma = Math.max(typedValue.lastIndexOf(','), typedValue.lastIndexOf('，'));
    if (comma >= 0) {
      const after = typedValue.slice(comma + 1);
      const aws = after.length - after.trimStart().length;
      const all = unquote(lineRest);
      existing = all.split(/\s*[,，]\s*/).filter(Boolean);
      start = start + comma + 1 + aws;
      lead = aws === 0 && start === offset ? ' ' : '';
      existing = existing.filter(n => n !== text.slice(start, offset));
    }
  }
  let end = tokenEnd(line, offset, quote, false);
  if (MULTI_NAME_KEYS.has(key)) {
    const restOfLine = text.slice(offset, end);
    const c = restOfLine.search(/[,，]/);
    if (c >= 0) end = offset + restOfLine.slice(0, c).trimEnd().length;
  }
  return { kind: 'value', key, start, end, prefix: text.slice(start, offset), quote, lead, existing };
}

// ---------------------------------------------------------------- candidates

/** YAML text for a value: plain when safe, else single-quoted. In a flow list, commas and brackets need quotes too. */
export function yamlScalar(value: string, flow = false): string {
  const needs = /^[&*!|>%@`{}[\],#?:'"-]|: | #|:$|^\s|\s$|^(true|false|null|~|yes|no|on|off|y|n)$|^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^0[xo]/i.test(value)
    || (flow && /[,[\]{}]/.test(value)) || value === '';
  return needs ? `'${value.replace(/'/g, "''")}'` : value;
}

function inQuotes(value: string, quote: Quote): string {
  if (quote === "'") return value.replace(/'/g, "''");
  if (quote === '"') return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return value;
}

/** 'YYYY-MM-DD' of a local date. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function pad(n: number): string { return String(n).padStart(6, '0'); }

function baseName(file: string): string {
  const s = file.replace(/[?#].*$/, '');
  try { return decodeURIComponent(s.slice(s.lastIndexOf('/') + 1)); } catch { return s.slice(s.lastIndexOf('/') + 1); }
}

/** Escapes text for Markdown documentation. */
export function mdEscape(s: string): string { return s.replace(/[\\`*_{}[\]()#+!|<>~]/g, '\\$&'); }

function isWordStart(w: string, i: number): boolean {
  if (i === 0) return true;
  const p = w.charCodeAt(i - 1), c = w.charCodeAt(i);
  const alnum = (x: number) => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
  if (!alnum(p) && p < 0x2e80) return true; // after a space or punctuation
  if (c >= 0x2e80) return true; // CJK: every character can start a word
  return c >= 65 && c <= 90 && p >= 97 && p <= 122; // camelCase
}

/** The typed text in the forms matching compares against, computed once per request. */
interface Typed { raw: string; lower: string; norm: string }

/** A spelling in the forms matching compares against. */
interface Spelling { raw: string; lower: string; norm: string }
const spelling = (w: string): Spelling => ({ raw: w, lower: w.toLowerCase(), norm: normalizeEntity(w) });

/**
 * 0 when a name starts with the typed text, 1 when an alias or spelling does, 2 for a looser match
 * (letters in order from a word start, as VS Code's own filter), -1 for no match.
 */
function matchTier(t: Typed, c: Candidate): number {
  if (!t.raw) return 0;
  const p = t.lower;
  const d = derived(c);
  if (d.name.lower.startsWith(p)) return 0;
  if (d.others.some(o => o.lower.startsWith(p))) return 1;
  const np = t.norm;
  for (const w of [d.name, ...d.others]) {
    const lw = w.lower;
    if (np && w.norm.startsWith(np)) return 1;
    for (let i = lw.indexOf(p[0]); i !== -1; i = lw.indexOf(p[0], i + 1)) {
      if (!isWordStart(w.raw, i)) continue;
      let j = i, k = 0;
      while (j < lw.length && k < p.length) { if (lw[j] === p[k]) k++; j++; }
      if (k === p.length) return 2;
    }
  }
  return -1;
}

type Candidate = EntityUse;

/**
 * Each candidate's detail and documentation, built once and kept until the index changes (an example post's title
 * may change without the entity changing). Typing re-asks for the same hundred items at every keystroke.
 */
const usageCache = new WeakMap<Candidate, { generation: number; key: string; fileLabel: (f: string) => string; detail: string; documentation: string }>();

function usage(c: Candidate, index: EntityIndex, key: string, fileLabel: (f: string) => string): { detail: string; documentation: string } {
  const hit = usageCache.get(c);
  if (hit && hit.generation === index.generation && hit.key === key && hit.fileLabel === fileLabel) return hit;
  const u = buildUsage(c, index, key, fileLabel);
  usageCache.set(c, { generation: index.generation, key, fileLabel, ...u });
  return u;
}

function buildUsage(c: Candidate, index: EntityIndex, key: string, fileLabel: (f: string) => string): { detail: string; documentation: string } {
  const detail = c.count ? `${c.count} post${c.count === 1 ? '' : 's'}` : c.configured ? 'configured, no posts yet' : 'suggested';
  const parts = [`**${mdEscape(c.name)}** · \`${key}\``];
  if (c.count) {
    const ex = c.files.map(f => { const t = index.title(f); return t ? `*${mdEscape(t)}* (${mdEscape(fileLabel(f))})` : mdEscape(fileLabel(f)); });
    parts.push(`Used in ${c.count} post${c.count === 1 ? '' : 's'}, e.g. ${ex.join('; ')}`);
  } else parts.push(c.configured ? 'In the blog\'s entity list; no post uses it yet.' : 'A value the schema suggests; no post uses it yet.');
  if (c.aliases.length) parts.push(`Aliases: ${c.aliases.map(mdEscape).join(', ')}`);
  if (c.variants.length) parts.push(`Also spelled: ${c.variants.map(mdEscape).join(', ')}`);
  return { detail, documentation: parts.join('\n\n') };
}

/**
 * Lower-cased and normalised forms of a candidate's spellings, computed on first use. The index patches its entity
 * tables by replacing only the entries that changed, so these stay valid for every other entity.
 */
const derivedForms = new WeakMap<Candidate, { name: Spelling; others: Spelling[] }>();
function derived(c: Candidate): { name: Spelling; others: Spelling[] } {
  let d = derivedForms.get(c);
  if (!d) { d = { name: spelling(c.name), others: [...c.aliases, ...c.variants].map(spelling) }; derivedForms.set(c, d); }
  return d;
}

/** Candidate lists per index and key, until that key's values (or the config) change. */
const candidateCache = new WeakMap<EntityIndex, Map<string, { version: number; spec: KeySpec | undefined; list: readonly Candidate[] }>>();

function candidatesFor(key: string, spec: KeySpec | undefined, index: EntityIndex): readonly Candidate[] {
  const ents = index.entities(key);
  const schemaValues = spec?.values ?? [];
  // Without schema values the index's own list (most used first) is the candidate list: nothing to copy.
  if (!schemaValues.length) return ents;
  let perKey = candidateCache.get(index);
  if (!perKey) { perKey = new Map(); candidateCache.set(index, perKey); }
  const version = index.keyVersion(key);
  const hit = perKey.get(key);
  if (hit && hit.version === version && hit.spec === spec) return hit.list;
  // The schema's intended values come first (by use among themselves), then whatever else posts use, by use.
  const sv = schemaValues.map(v => index.entity(key, v) ?? { name: v, count: 0, files: [], aliases: [], variants: [], configured: false });
  sv.sort((a, b) => b.count - a.count);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const e of [...sv, ...ents]) if (!seen.has(e.name)) { seen.add(e.name); out.push(e); }
  perKey.set(key, { version, spec, list: out });
  return out;
}

/** Completion items at `offset`, or undefined outside the front matter. */
export function completeFrontMatter(text: string, offset: number, index: EntityIndex, config: Pick<Config, 'schema' | 'entities'>,
  options: CompletionOptions = {}, fm: FrontMatter | undefined = parseFrontMatter(text)): FmCompletionResult | undefined {
  const context = frontMatterContext(text, offset, config, fm);
  if (!context || !fm) return undefined;
  const limit = options.limit ?? 100;
  const fileLabel = options.fileLabel ?? baseName;
  const eol = eolOf(text);
  const indent = fm.listIndent ?? '';

  if (context.kind === 'key') {
    const present = new Set(context.present);
    const items: FmCompletion[] = [];
    config.schema.keys.forEach((spec, i) => {
      if (present.has(spec.key) || spec.legacy) return;
      const list = isListKey(spec.key, config);
      let insertText = `${spec.key}: `;
      let retrigger = spec.type === 'boolean' || !!spec.values?.length || INDEXED_SCALARS.includes(spec.key);
      if (list) { insertText = `${spec.key}:${eol}${indent}- `; retrigger = true; }
      else if (spec.type === 'date') { insertText = `${spec.key}: '${isoDate(options.today ?? new Date())}'`; retrigger = false; }
      items.push({ label: spec.key, kind: 'key', detail: spec.required ? `${spec.type}, required` : spec.type,
        documentation: spec.description, filterText: spec.key, sortText: pad(i), insertText,
        start: context.start, end: context.end, retrigger });
    });
    return { context, items, incomplete: false };
  }

  const spec = specOf(config.schema, context.key);
  if (context.kind === 'value' && (spec?.type === 'date' || spec?.type === 'boolean')) {
    const vals = spec.type === 'date' ? [`${isoDate(options.today ?? new Date())}`] : ['true', 'false'];
    const items = vals.map((v, i): FmCompletion => ({
      label: spec.type === 'date' ? `'${v}'` : v, kind: spec.type === 'date' ? 'date' : 'boolean',
      detail: spec.type === 'date' ? 'today' : undefined, documentation: spec.description,
      filterText: spec.type === 'date' && !context.quote ? `'${v}` : v, sortText: pad(i),
      insertText: context.lead + (spec.type === 'date' ? (context.quote ? v : `'${v}'`) : v),
      start: context.start, end: context.end,
    }));
    return { context, items, incomplete: false };
  }
  const indexed = isListKey(context.key, config) || INDEXED_SCALARS.includes(context.key) || !!spec?.values?.length || index.usedKeys().includes(context.key);
  if (!indexed) return { context, items: [], incomplete: false };

  const existing = new Set<string>();
  for (const v of context.existing) {
    existing.add(normalizeEntity(v));
    const c = index.canonical(context.key, v);
    if (c) existing.add(normalizeEntity(c));
  }
  const matched: { c: Candidate; tier: number; rank: number }[] = [];
  const all = candidatesFor(context.key, spec, index);
  const typed: Typed = { raw: context.prefix, lower: context.prefix.toLowerCase(), norm: context.prefix ? normalizeEntity(context.prefix) : '' };
  let best = 0;
  for (let i = 0; i < all.length; i++) {
    // Candidates come most used first: once `limit` names start with the typed text and the list is known to be
    // incomplete, the rest cannot change what is shown, so a large blog costs no more than a small one.
    if (best >= limit && matched.length > limit) break;
    const c = all[i];
    if (existing.size && existing.has(derived(c).name.norm)) continue;
    const tier = matchTier(typed, c);
    if (tier < 0) continue;
    if (tier === 0) best++;
    matched.push({ c, tier, rank: i });
  }
  let incomplete = false;
  let chosen = matched;
  if (matched.length > limit) {
    incomplete = true;
    chosen = [...matched].sort((a, b) => a.tier - b.tier || a.rank - b.rank).slice(0, limit).sort((a, b) => a.rank - b.rank);
  }
  const items = chosen.map(({ c }, i): FmCompletion => {
    const { detail, documentation } = usage(c, index, context.key, fileLabel);
    let insertText: string;
    const additionalEdits: TextEdit[] = [];
    if (context.kind === 'list-start') {
      insertText = `${eol}${indent}- ${yamlScalar(c.name)}`;
      if (context.start > context.colonEnd) additionalEdits.push({ start: context.colonEnd, end: context.start, newText: '' });
    } else {
      const flow = context.kind === 'item' && context.flow;
      insertText = context.lead + (context.quote ? inQuotes(c.name, context.quote) : yamlScalar(c.name, flow));
    }
    return {
      label: c.name, kind: isListKey(context.key, config) ? 'entity' : 'value',
      description: c.aliases.length ? c.aliases.join(' · ') : undefined, detail, documentation,
      filterText: [c.name, ...c.aliases, ...c.variants].join(' '), sortText: pad(i), insertText,
      start: context.start, end: context.end, additionalEdits: additionalEdits.length ? additionalEdits : undefined, count: c.count,
    };
  });
  return { context, items, incomplete };
}

// ---------------------------------------------------------------- hover

export interface FmHover { start: number; end: number; markdown: string }

/** The key or value under the cursor: `value` is unset on a key; for speaker/guest it is the one name under the cursor. */
export function frontMatterValueAt(fm: FrontMatter, offset: number): { entry: FmEntry; value?: string; start: number; end: number } | undefined {
  for (const e of fm.entries) {
    if (offset < e.start || offset > e.end) continue;
    if (offset >= e.keyStart && offset <= e.keyEnd) return { entry: e, start: e.keyStart, end: e.keyEnd };
    if (e.value.kind === 'scalar' && e.value.raw && offset >= e.value.start && offset <= e.value.end && e.value.value != null) {
      const v = e.value;
      if (MULTI_NAME_KEYS.has(e.key) && typeof v.value === 'string') {
        // The name under the cursor in "A, B".
        const inner = v.quoted ? v.start + 1 : v.start;
        const rel = offset - inner;
        const s = v.value;
        let from = 0;
        for (const part of s.split(/([,，])/)) {
          if (part === ',' || part === '，') { from += 1; continue; }
          if (rel >= from && rel <= from + part.length && part.trim()) {
            const lead = part.length - part.trimStart().length;
            return { entry: e, value: part.trim(), start: inner + from + lead, end: inner + from + lead + part.trim().length };
          }
          from += part.length;
        }
      }
      return { entry: e, value: String(v.value), start: v.start, end: v.end };
    }
    if (e.value.kind === 'list') {
      for (const it of e.value.items) {
        if (offset >= it.start && offset <= it.end && it.value != null && it.raw) return { entry: e, value: String(it.value), start: it.start, end: it.end };
      }
    }
  }
  return undefined;
}

/** Hover text for a front-matter key (its description) or value (its use across the blog, aliases, spelling). */
export function frontMatterHover(text: string, offset: number, index: EntityIndex, config: Pick<Config, 'schema' | 'entities'>,
  options: Pick<CompletionOptions, 'fileLabel'> = {}, fm: FrontMatter | undefined = parseFrontMatter(text)): FmHover | undefined {
  if (!fm || offset < fm.contentStart || offset > fm.contentEnd) return undefined;
  const at = frontMatterValueAt(fm, offset);
  if (!at) return undefined;
  const key = at.entry.key;
  const spec = specOf(config.schema, key);
  if (at.value === undefined) {
    if (!spec) return { start: at.start, end: at.end, markdown: `**${mdEscape(key)}** is not a key of the blog's schema.` };
    const lines = [`**${mdEscape(key)}** (${spec.type}${spec.required ? ', required' : ''}${spec.entity ? ', entity list' : ''})`, mdEscape(spec.description)];
    if (spec.legacy) lines.push(`Legacy key: use \`${spec.legacy}\`.`);
    if (spec.values?.length) lines.push(`Values: ${spec.values.map(v => `\`${v}\``).join(', ')}`);
    return { start: at.start, end: at.end, markdown: lines.join('\n\n') };
  }
  const indexed = isListKey(key, config) || INDEXED_SCALARS.includes(key) || !!spec?.values?.length;
  if (!indexed) return undefined;
  const fileLabel = options.fileLabel ?? baseName;
  const value = at.value;
  const ent = index.entity(key, value);
  const what = spec?.entity ? `${spec.description.replace(/ mentioned\.$/, '').replace(/\.$/, '')} (\`${key}\`)` : `\`${key}\` value`;
  const lines = [`**${mdEscape(value)}** · ${what}`];
  const exact = index.use(key, value);
  if (ent && ent.name !== value) lines.push(`The blog spells it **${mdEscape(ent.name)}**${ent.configured ? ' (entity list)' : ''}.`);
  if (ent) {
    if (ent.count) {
      const ex = ent.files.map(f => { const t = index.title(f); return t ? `*${mdEscape(t)}* (${mdEscape(fileLabel(f))})` : mdEscape(fileLabel(f)); });
      lines.push(`Used in **${ent.count}** post${ent.count === 1 ? '' : 's'}${ent.name !== value && exact ? ` (${exact.count} spelled this way)` : ''}: ${ex.join('; ')}${ent.count > ex.length ? '; …' : ''}`);
    } else lines.push('No post uses it yet.');
    if (ent.aliases.length) lines.push(`Aliases: ${ent.aliases.map(mdEscape).join(', ')}`);
    const others = ent.variants.filter(v => v !== value);
    if (others.length) lines.push(`Other spellings in posts: ${others.map(mdEscape).join(', ')}`);
  } else lines.push('No post uses it yet.');
  if (spec?.values?.length && !spec.values.includes(ent?.name ?? value)) lines.push(`Not one of the blog's ${key} values: ${spec.values.map(v => `\`${v}\``).join(', ')}`);
  return { start: at.start, end: at.end, markdown: lines.join('\n\n') };
}
