// The post's outline (headings with each section's translation coverage) and its folding ranges, for the editor.
import * as l10n from '@vscode/l10n';
import type { TranslationMode } from './config';
import { translationPlan, type CoverageMode } from './coverage';
import type { HeadingBlock, Post, TextBlock } from './post';
import { paragraphExcerpt } from './authoring';

export interface OutlineSection {
  /** The heading text; undefined for the part of the post before its first heading. */
  heading?: string;
  level: number;
  /** Heading line (or first line of the intro) and the last line of the section, subsections included. */
  line: number;
  endLine: number;
  start: number;
  end: number;
  /** Offsets of the heading line, for the symbol's name range. */
  nameStart: number;
  nameEnd: number;
  /** Coverage of the section with its subsections: units (or sections, in section mode) that should have English. */
  total: number;
  translated: number;
  /** Chinese units directly in this section that lack their English (paragraph mode only). */
  missing: { line: number; start: number; end: number; text: string }[];
  children: OutlineSection[];
}

export interface PostOutline { mode: CoverageMode; sections: OutlineSection[] }

/** Headings as a tree, each with its section's coverage counted the way the status bar and the linter count it. */
export function postOutline(post: Post, translationMode: TranslationMode): PostOutline {
  const plan = translationPlan(post, translationMode);
  const mode = plan.mode;
  const missingAt = new Set(plan.missing.map(g => g.start));
  const blocks = post.blocks;
  const roots: OutlineSection[] = [];
  const stack: OutlineSection[] = [];
  let current: OutlineSection | undefined;
  // Own counts per section; rolled up into parents at the end.
  const own = new Map<OutlineSection, { total: number; translated: number; covered: boolean; units: number }>();
  const open = (s: OutlineSection) => { own.set(s, { total: 0, translated: 0, covered: false, units: 0 }); current = s; };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'heading') {
      const h = b as HeadingBlock;
      const s: OutlineSection = {
        heading: h.text || '(empty heading)', level: h.level, line: h.line, endLine: h.endLine, start: h.start, end: h.end,
        nameStart: h.start, nameEnd: h.end, total: 0, translated: 0, missing: [], children: [],
      };
      while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
      if (stack.length) stack[stack.length - 1].children.push(s); else roots.push(s);
      stack.push(s);
      open(s);
      continue;
    }
    if (!current) {
      // Content before the first heading: an intro section, shown only if it has Chinese to translate.
      const s: OutlineSection = { level: 0, line: b.line, endLine: b.endLine, start: b.start, end: b.end, nameStart: b.start, nameEnd: b.start, total: 0, translated: 0, missing: [], children: [] };
      roots.push(s);
      open(s);
    }
    const s = current!;
    s.endLine = b.endLine; s.end = b.end;
    for (const anc of stack) { anc.endLine = b.endLine; anc.end = b.end; }
    const counts = own.get(s)!;
    if (b.kind === 'english') counts.covered = true;
    if (b.kind !== 'text' || !b.hasChinese) continue;
    const t = b as TextBlock;
    counts.units++;
    if (mode === 'paragraph') {
      counts.total++;
      if (missingAt.has(t.start)) s.missing.push({ line: t.line, start: t.start, end: t.end, text: paragraphExcerpt(t.text) });
      else counts.translated++;
    }
  }
  if (mode === 'section') for (const [, c] of own) if (c.units) { c.total = 1; c.translated = c.covered ? 1 : 0; }
  const roll = (s: OutlineSection): void => {
    const c = own.get(s)!;
    s.total = c.total; s.translated = c.translated;
    for (const ch of s.children) { roll(ch); s.total += ch.total; s.translated += ch.translated; }
  };
  roots.forEach(roll);
  const shown = roots.filter(s => s.heading !== undefined || s.total > 0);
  return { mode, sections: shown };
}

/** "EN 5/7", "EN 2/3 sections", or '' when the post is not translated per paragraph or section. */
export function sectionDetail(mode: CoverageMode, s: OutlineSection): string {
  if (s.total === 0) return '';
  if (mode === 'section') return s.total > 1 ? l10n.t`EN ${s.translated}/${s.total} sections` : l10n.t`EN ${s.translated}/${s.total} section`;
  if (mode === 'paragraph') return l10n.t`EN ${s.translated}/${s.total}`;
  return '';
}

export interface FoldRange { start: number; end: number; kind: 'english' | 'frontmatter' }

/** A range per English block (so "Fold All" hides the English) and one for the front matter, as 0-based lines. */
export function foldingRanges(post: Post): FoldRange[] {
  const out: FoldRange[] = [];
  const fm = post.frontMatter;
  if (fm && fm.closed) {
    const first = post.lines.lineAt(fm.start);
    const last = post.lines.lineAt(Math.max(fm.start, fm.end - 1));
    if (last > first) out.push({ start: first, end: last, kind: 'frontmatter' });
  }
  for (const e of post.english) if (e.endLine > e.line) out.push({ start: e.line, end: e.endLine, kind: 'english' });
  return out;
}
