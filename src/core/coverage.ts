// Translation coverage: which Chinese units a post should translate, and which still lack their English.
import * as l10n from '@vscode/l10n';
import type { TranslationMode } from './config';
import type { Post } from './post';

export type CoverageMode = 'paragraph' | 'section' | 'chinese-only' | 'off';

/** Something that lacks a translation: a paragraph, or a section (start at its heading, end after its last unit). */
export interface Gap { start: number; end: number; line: number }

export interface TranslationPlan {
  mode: CoverageMode;
  /** Units (paragraph mode) or sections (section mode) that should have English. */
  total: number;
  translated: number;
  missing: Gap[];
}

export function translationPlan(post: Post, mode: TranslationMode): TranslationPlan {
  if (mode === 'never') return { mode: 'off', total: 0, translated: 0, missing: [] };
  const blocks = post.blocks;
  const english = post.english;
  if (english.length === 0 && mode === 'auto') return { mode: 'chinese-only', total: 0, translated: 0, missing: [] };
  const allSection = english.length > 0 && english.every(e => e.style === 'C');
  if (allSection) {
    // Style C posts: one block per section, checked per section.
    let total = 0, translated = 0;
    const missing: Gap[] = [];
    let head: { start: number; line: number } | undefined;
    let units: { start: number; end: number; line: number }[] = [];
    let covered = false;
    const close = () => {
      if (units.length) {
        total++;
        if (covered) translated++;
        else missing.push({ start: head ? head.start : units[0].start, line: head ? head.line : units[0].line, end: units[units.length - 1].end });
      }
      units = []; covered = false;
    };
    for (const b of blocks) {
      if (b.kind === 'heading') { close(); head = b; continue; }
      if (b.kind === 'text' && b.hasChinese) units.push(b);
      if (b.kind === 'english') covered = true;
    }
    close();
    return { mode: 'section', total, translated, missing };
  }
  let total = 0, translated = 0;
  const missing: Gap[] = [];
  for (const b of blocks) {
    if (b.kind !== 'text' || !b.hasChinese) continue;
    total++;
    if (b.translation !== undefined || b.sectionTranslation !== undefined) translated++;
    else missing.push(b);
  }
  return { mode: 'paragraph', total, translated, missing };
}

/** "EN 49/49", "中文" or "EN 3/5 sections": the short form the status bar and the CLI show. */
export function coverageLabel(plan: TranslationPlan): string {
  switch (plan.mode) {
    case 'chinese-only': return l10n.t('Chinese-only');
    case 'off': return l10n.t('EN off');
    case 'section': return l10n.t`EN ${plan.translated}/${plan.total} sections`;
    default: return l10n.t`EN ${plan.translated}/${plan.total}`;
  }
}
