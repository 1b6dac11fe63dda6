// Rules on the front matter: YAML syntax, unknown keys, value types, dates, required keys.
import * as l10n from '@vscode/l10n';
import type { Fix, Finding, LintContext } from '../diagnostics';
import type { FmEntry, FmItem, FrontMatter } from '../frontmatter';
import type { Post } from '../post';
import { specOf, type KeyType } from '../schema';
import { editDistance, eolOf } from '../text';

export function frontmatterYaml(post: Post): Finding[] {
  const fm = post.frontMatter;
  if (!fm) return [];
  return fm.errors.map(e => ({
    code: 'frontmatter-yaml' as const, start: e.start, end: Math.max(e.end, e.start + 1), message: e.message,
    fixes: e.fix ? [{ title: e.fix.title, preferred: true, edits: [{ start: e.fix.start, end: e.fix.end, newText: e.fix.newText }] }] : [],
  }));
}

export function frontmatterUnknownKey(post: Post, ctx: LintContext): Finding[] {
  const fm = post.frontMatter;
  if (!fm) return [];
  const keys = ctx.config.schema.keys.map(k => k.key);
  const present = new Set(fm.entries.map(e => e.key));
  const out: Finding[] = [];
  for (const e of fm.entries) {
    if (keys.includes(e.key)) continue;
    let best: string | undefined, bestD = 3;
    // Keys far longer than any known key cannot be a typo of one (and a hostile 1 MB key must stay cheap).
    const lower = e.key.length <= 64 ? e.key.toLowerCase() : undefined;
    for (const k of lower === undefined ? [] : keys) {
      if (present.has(k)) continue;
      const d = editDistance(lower!, k, 2);
      if (d < bestD || (d === bestD && best === undefined && d <= 2)) { best = k; bestD = d; }
    }
    if (!best && lower !== undefined) best = keys.find(k => !present.has(k) && (k.startsWith(lower) || lower.startsWith(k)) && Math.abs(k.length - e.key.length) <= 4);
    out.push(best ? renameFinding(post, ctx, e, best) : { code: 'frontmatter-unknown-key', start: e.keyStart, end: e.keyEnd, fixes: [],
      message: l10n.t`Unknown front-matter key "${shortKey(e.key)}". Add it to "keys" in .bilingual-posts.json if the blog uses it on purpose.` });
  }
  return out;
}

/**
 * A typo'd key and its rename. The rename must not leave a value the right key cannot take (`tag: ai` renamed to
 * `tags` is a string where a list belongs): when the value's own fix settles that, the rename includes it; when
 * nothing can, the key is named but not renamed, so the author decides what the value should be.
 */
function renameFinding(post: Post, ctx: LintContext, e: FmEntry, best: string): Finding {
  const rename = { start: e.keyStart, end: e.keyEnd, newText: best };
  const spec = specOf(ctx.config.schema, best);
  const renamed = { ...e, key: best };
  const problems = spec && post.frontMatter ? [...entryType(post, post.frontMatter, renamed, spec.type), ...entryDate(renamed, spec.type)] : [];
  const base = { code: 'frontmatter-unknown-key' as const, start: e.keyStart, end: e.keyEnd };
  if (!problems.length) return { ...base, message: l10n.t`Unknown front-matter key "${e.key}". Did you mean "${best}"?`, fixes: [{ title: l10n.t`Rename to "${best}"`, preferred: true, edits: [rename] }] };
  const fix = problems.length === 1 ? problems[0].fixes.find(f => f.preferred) : undefined;
  if (fix && fix.edits.every(x => x.start >= e.keyEnd)) {
    const title = l10n.t('Rename to "{0}" and {1}', best, `${fix.title.charAt(0).toLowerCase()}${fix.title.slice(1)}`);
    return { ...base, message: l10n.t`Unknown front-matter key "${e.key}". Did you mean "${best}"?`, fixes: [{ title, preferred: true, edits: [rename, ...fix.edits] }] };
  }
  return { ...base, fixes: [], message: l10n.t`Unknown front-matter key "${e.key}". Did you mean "${best}"? Its value does not fit "${best}" as it is: ${problems[0].message}` };
}

function itemText(i: FmItem): string { return i.raw; }

/** A key as a message quotes it: whole when it is of a sane length. */
function shortKey(k: string): string { return k.length > 60 ? `${k.slice(0, 40)}… (${k.length} characters)` : k; }

export function frontmatterType(post: Post, ctx: LintContext): Finding[] {
  const fm = post.frontMatter;
  if (!fm) return [];
  const out: Finding[] = [];
  for (const e of fm.entries) {
    const spec = specOf(ctx.config.schema, e.key);
    if (spec) out.push(...entryType(post, fm, e, spec.type));
  }
  return out;
}

/** Whether a YAML error lies in the entry's value: its type is then whatever the parser made of broken text. */
function brokenValue(fm: FrontMatter, e: FmEntry): boolean {
  return fm.errors.some(x => x.start < Math.max(e.end, e.value.end) && x.end > e.value.start);
}

function entryType(post: Post, fm: FrontMatter, e: FmEntry, type: KeyType): Finding[] {
  if (type === 'any' || brokenValue(fm, e)) return [];
  const eol = eolOf(post.text);
  const v = e.value;
  const at = { start: e.keyStart, end: Math.max(e.keyEnd, v.end) };
  if (v.kind === 'scalar' && v.value === null) return []; // empty values are fine: the site treats them as absent
  if (type === 'list') {
    if (v.kind === 'scalar' && (v.value === '[]' || (v.value === '' && v.quoted))) {
      // The machine-written front matter writes an empty field as '': for a list the site then gets a string.
      return [{ code: 'frontmatter-type', ...at, message: v.value === '' ? l10n.t`"${e.key}" is an empty string, not a list: write [] for no items.` : l10n.t`"${e.key}" is the text '[]', not an empty list: remove the quotes.`,
        fixes: [{ title: l10n.t('Write [] without quotes'), preferred: true, edits: [{ start: v.start, end: v.end, newText: '[]' }] }] }];
    } else if (v.kind === 'scalar' && /[\r\n]/.test(v.raw)) {
      // A value over several lines (list items the YAML parser could not read as a list, stray CRs): no safe rewrite.
      return [{ code: 'frontmatter-type', ...at, fixes: [], message: l10n.t`"${e.key}" is a list; this value is a single ${typeof v.value === 'string' ? 'string' : typeof v.value}. Write it as a list item.` }];
    } else if (v.kind === 'scalar') {
      const indent = fm.listIndent ?? '';
      return [{ code: 'frontmatter-type', ...at, message: l10n.t`"${e.key}" is a list; this value is a single ${typeof v.value === 'string' ? 'string' : typeof v.value}. Write it as a list item.`,
        fixes: [{ title: l10n.t('Make it a one-item list'), preferred: true, edits: [{ start: keyValueSep(post, e), end: v.end, newText: `:${eol}${indent}- ${itemText(v)}` }] }] }];
    } else if (v.kind === 'other') {
      return [{ code: 'frontmatter-type', ...at, fixes: [], message: l10n.t`"${e.key}" is a list of plain values; nested structures are not allowed here.` }];
    }
    return [];
  }
  if (v.kind !== 'scalar') {
    const message = type === 'boolean'
      ? (v.kind === 'list' ? l10n.t`"${e.key}" takes a single true/false, not a list.` : l10n.t`"${e.key}" takes a single true/false, not a nested structure.`)
      : (v.kind === 'list' ? l10n.t`"${e.key}" takes a single value, not a list.` : l10n.t`"${e.key}" takes a single value, not a nested structure.`);
    return [{ code: 'frontmatter-type', ...at, fixes: [], message }];
  }
  // '' is how the machine-written front matter writes an empty field; for a flag the site reads it as false, like no value.
  if (type === 'boolean' && typeof v.value !== 'boolean' && v.value !== '') {
    const s = String(v.value).trim().toLowerCase();
    const fixes: Fix[] = v.quoted && (s === 'true' || s === 'false') ? [{ title: l10n.t`Write ${s} without quotes`, preferred: true, edits: [{ start: v.start, end: v.end, newText: s }] }] : [];
    return [{ code: 'frontmatter-type', start: v.start, end: v.end, fixes, message: l10n.t`"${e.key}" is true or false; "${v.raw}" is a ${typeof v.value}.` }];
  } else if (type === 'string' && typeof v.value === 'boolean') {
    return [{ code: 'frontmatter-type', start: v.start, end: v.end, message: l10n.t`"${e.key}" is text; ${v.raw} reads as a boolean. Quote it if you mean the word.`,
      fixes: [{ title: l10n.t('Quote it'), preferred: true, edits: [{ start: v.start, end: v.end, newText: `'${v.raw}'` }] }] }];
  }
  return [];
}

function keyValueSep(post: Post, e: FmEntry): number {
  return post.text.indexOf(':', e.keyEnd);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function frontmatterDate(post: Post, ctx: LintContext): Finding[] {
  const fm = post.frontMatter;
  if (!fm) return [];
  const out: Finding[] = [];
  for (const e of fm.entries) {
    const spec = specOf(ctx.config.schema, e.key);
    if (spec) out.push(...entryDate(e, spec.type));
  }
  return out;
}

function entryDate(e: FmEntry, type: KeyType): Finding[] {
  if (type !== 'date' || e.value.kind !== 'scalar' || e.value.value === null) return [];
  const v = e.value;
  const s = String(v.value).trim();
  const m = DATE.exec(s);
  if (m && validDay(+m[1], +m[2], +m[3])) return [];
  const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  const fixes: Fix[] = [];
  if (loose && validDay(+loose[1], +loose[2], +loose[3])) {
    const fixed = `${loose[1]}-${loose[2].padStart(2, '0')}-${loose[3].padStart(2, '0')}`;
    fixes.push({ title: l10n.t`Write it as '${fixed}'`, preferred: true, edits: [{ start: v.start, end: v.end, newText: `'${fixed}'` }] });
  }
  return [{ code: 'frontmatter-date', start: v.start, end: Math.max(v.end, v.start + 1), fixes,
    message: m ? l10n.t`"${s}" is not a real date.` : l10n.t`"${e.key}" must be a date written 'YYYY-MM-DD'; "${s}" is not.` }];
}

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

export function frontmatterRequired(post: Post, ctx: LintContext): Finding[] {
  const required = ctx.config.schema.keys.filter(k => k.required);
  const fm = post.frontMatter;
  if (!fm) {
    if (!required.length) return [];
    const end = post.lines.lineEnd(0);
    return [{ code: 'frontmatter-required', start: 0, end: Math.max(end, 0), fixes: [],
      message: l10n.t('This post has no front matter; the site needs {0}. Start the file with a `---` block.', required.map(k => k.key).join(', ')) }];
  }
  // Presence is read off the lines too, so a YAML error elsewhere never makes a key look missing.
  const present = new Set(fm.entries.map(e => e.key));
  for (const m of post.text.slice(fm.contentStart, fm.contentEnd).matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)) present.add(m[1]);
  const out: Finding[] = [];
  const eol = eolOf(post.text);
  for (const k of required) {
    if (present.has(k.key)) continue;
    const fixes: Fix[] = [];
    if (k.values?.length && k.key === 'layout' && fm.closed && !fm.errors.length) {
      fixes.push({ title: l10n.t`Add "${k.key}: ${k.values[0]}"`, preferred: true, edits: [{ start: fm.contentEnd, end: fm.contentEnd, newText: `${k.key}: ${k.values[0]}${eol}` }] });
    }
    out.push({ code: 'frontmatter-required', start: fm.start, end: fm.start + 3, fixes, message: l10n.t`The front matter has no "${k.key}": ${k.description}` });
  }
  return out;
}
