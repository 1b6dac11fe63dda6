// Rules on the front matter: YAML syntax, unknown keys, value types, dates, required keys.
import type { Fix, Finding, LintContext } from '../diagnostics';
import type { FmEntry, FmItem } from '../frontmatter';
import type { Post } from '../post';
import { specOf } from '../schema';
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
    for (const k of keys) {
      if (present.has(k)) continue;
      const d = editDistance(e.key.toLowerCase(), k, 2);
      if (d < bestD || (d === bestD && best === undefined && d <= 2)) { best = k; bestD = d; }
    }
    if (!best) best = keys.find(k => !present.has(k) && (k.startsWith(e.key.toLowerCase()) || e.key.toLowerCase().startsWith(k)) && Math.abs(k.length - e.key.length) <= 4);
    const fixes: Fix[] = best ? [{ title: `Rename to "${best}"`, preferred: true, edits: [{ start: e.keyStart, end: e.keyEnd, newText: best }] }] : [];
    out.push({ code: 'frontmatter-unknown-key', start: e.keyStart, end: e.keyEnd, fixes,
      message: best ? `Unknown front-matter key "${e.key}". Did you mean "${best}"?` : `Unknown front-matter key "${e.key}". Add it to "keys" in .bilingual-posts.json if the blog uses it on purpose.` });
  }
  return out;
}

function itemText(i: FmItem): string { return i.raw; }

export function frontmatterType(post: Post, ctx: LintContext): Finding[] {
  const fm = post.frontMatter;
  if (!fm) return [];
  const out: Finding[] = [];
  const eol = eolOf(post.text);
  for (const e of fm.entries) {
    const spec = specOf(ctx.config.schema, e.key);
    if (!spec || spec.type === 'any') continue;
    const v = e.value;
    const at = { start: e.keyStart, end: Math.max(e.keyEnd, v.end) };
    if (v.kind === 'scalar' && v.value === null) continue; // empty values are fine: the site treats them as absent
    if (spec.type === 'list') {
      if (v.kind === 'scalar' && v.value === '[]') {
        out.push({ code: 'frontmatter-type', ...at, message: `"${e.key}" is the text '[]', not an empty list: remove the quotes.`,
          fixes: [{ title: 'Write [] without quotes', preferred: true, edits: [{ start: v.start, end: v.end, newText: '[]' }] }] });
      } else if (v.kind === 'scalar') {
        const indent = fm.listIndent ?? '';
        out.push({ code: 'frontmatter-type', ...at, message: `"${e.key}" is a list; this value is a single ${typeof v.value === 'string' ? 'string' : typeof v.value}. Write it as a list item.`,
          fixes: [{ title: 'Make it a one-item list', preferred: true, edits: [{ start: keyValueSep(post, e), end: v.end, newText: `:${eol}${indent}- ${itemText(v)}` }] }] });
      } else if (v.kind === 'other') {
        out.push({ code: 'frontmatter-type', ...at, fixes: [], message: `"${e.key}" is a list of plain values; nested structures are not allowed here.` });
      }
      continue;
    }
    if (v.kind !== 'scalar') {
      out.push({ code: 'frontmatter-type', ...at, fixes: [], message: `"${e.key}" takes a single ${spec.type === 'boolean' ? 'true/false' : 'value'}, not a list.` });
      continue;
    }
    if (spec.type === 'boolean' && typeof v.value !== 'boolean') {
      const s = String(v.value).trim().toLowerCase();
      const fixes: Fix[] = s === 'true' || s === 'false' ? [{ title: `Write ${s} without quotes`, preferred: true, edits: [{ start: v.start, end: v.end, newText: s }] }] : [];
      out.push({ code: 'frontmatter-type', start: v.start, end: v.end, fixes, message: `"${e.key}" is true or false; "${v.raw}" is a ${typeof v.value}.` });
    } else if (spec.type === 'string' && typeof v.value === 'boolean') {
      out.push({ code: 'frontmatter-type', start: v.start, end: v.end, message: `"${e.key}" is text; ${v.raw} reads as a boolean. Quote it if you mean the word.`,
        fixes: [{ title: 'Quote it', preferred: true, edits: [{ start: v.start, end: v.end, newText: `'${v.raw}'` }] }] });
    }
  }
  return out;
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
    if (!spec || spec.type !== 'date' || e.value.kind !== 'scalar' || e.value.value === null) continue;
    const v = e.value;
    const s = String(v.value).trim();
    const m = DATE.exec(s);
    if (m && validDay(+m[1], +m[2], +m[3])) continue;
    const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
    const fixes: Fix[] = [];
    if (loose && validDay(+loose[1], +loose[2], +loose[3])) {
      const fixed = `${loose[1]}-${loose[2].padStart(2, '0')}-${loose[3].padStart(2, '0')}`;
      fixes.push({ title: `Write it as '${fixed}'`, preferred: true, edits: [{ start: v.start, end: v.end, newText: `'${fixed}'` }] });
    }
    out.push({ code: 'frontmatter-date', start: v.start, end: Math.max(v.end, v.start + 1), fixes,
      message: m ? `"${s}" is not a real date.` : `"${e.key}" must be a date written 'YYYY-MM-DD'; "${s}" is not.` });
  }
  return out;
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
      message: `This post has no front matter; the site needs ${required.map(k => k.key).join(', ')}. Start the file with a \`---\` block.` }];
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
      fixes.push({ title: `Add "${k.key}: ${k.values[0]}"`, preferred: true, edits: [{ start: fm.contentEnd, end: fm.contentEnd, newText: `${k.key}: ${k.values[0]}${eol}` }] });
    }
    out.push({ code: 'frontmatter-required', start: fm.start, end: fm.start + 3, fixes, message: `The front matter has no "${k.key}": ${k.description}` });
  }
  return out;
}
