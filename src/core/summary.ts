// A post at a glance: coverage and problem counts for the status bar and the workspace report, and their order.
import * as l10n from '@vscode/l10n';
import { coverageLabel, type TranslationPlan } from './coverage';
import type { Diagnostic } from './diagnostics';

export interface PostSummary {
  /** "EN 49/49", "EN 3/5 sections", "Chinese-only" or "EN off". */
  coverage: string;
  mode: TranslationPlan['mode'];
  total: number;
  translated: number;
  missing: number;
  errors: number;
  warnings: number;
  /** info and hint diagnostics. */
  others: number;
  problems: number;
  /** Where to take the author first: the first error, else the first missing translation, else the first problem. */
  focus?: number;
}

export function summarizePost(plan: TranslationPlan, diagnostics: readonly Diagnostic[]): PostSummary {
  let errors = 0, warnings = 0, others = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else others++;
  }
  const firstError = diagnostics.find(d => d.severity === 'error');
  const focus = firstError?.start ?? plan.missing[0]?.start ?? diagnostics[0]?.start;
  return {
    coverage: coverageLabel(plan), mode: plan.mode, total: plan.total, translated: plan.translated, missing: plan.missing.length,
    errors, warnings, others, problems: diagnostics.length, focus,
  };
}

/** The status bar's words: "EN 49/49 · 3 problems", "Chinese-only · no problems". */
export function statusText(s: PostSummary): string {
  const problems = s.problems === 0 ? l10n.t('no problems') : s.problems === 1 ? l10n.t('1 problem') : l10n.t`${s.problems} problems`;
  return `${s.coverage} · ${problems}`;
}

/** Share of the units that have English; posts with nothing to translate count as complete. */
export function coverageRatio(s: PostSummary): number {
  return s.total === 0 ? 1 : s.translated / s.total;
}

/**
 * Worst first: posts with errors (most first), then the least translated, then the most problems.
 * Errors lead because they break the page; a missing translation only leaves a paragraph without its original.
 */
export function compareWorst(a: PostSummary, b: PostSummary): number {
  return (b.errors - a.errors) || (coverageRatio(a) - coverageRatio(b)) || (b.missing - a.missing) || (b.problems - a.problems);
}
