// Runs every rule over a post and applies the configured severities.
import type { Code } from './config';
import type { Diagnostic, Finding, LintContext, Rule } from './diagnostics';
import { parsePost, type Post } from './post';
import { blockSpacing, chineseInEnglish, emptyTranslation, malformedBlock, missingTranslation, orphanTranslation, summaryLabel } from './rules/blocks';
import { entityVariant } from './rules/entities';
import { frontmatterDate, frontmatterRequired, frontmatterType, frontmatterUnknownKey, frontmatterYaml } from './rules/frontmatter';

export const RULES: Record<Code, Rule> = {
  'frontmatter-yaml': frontmatterYaml,
  'frontmatter-required': frontmatterRequired,
  'frontmatter-unknown-key': frontmatterUnknownKey,
  'frontmatter-type': frontmatterType,
  'frontmatter-date': frontmatterDate,
  'entity-variant': entityVariant,
  'malformed-block': malformedBlock,
  'summary-label': summaryLabel,
  'empty-translation': emptyTranslation,
  'chinese-in-english': chineseInEnglish,
  'orphan-translation': orphanTranslation,
  'block-spacing': blockSpacing,
  'missing-translation': missingTranslation,
};

/** Lints a post; rules that are off are not run. Diagnostics come sorted by position. */
export function lintPost(input: Post | string, ctx: LintContext): Diagnostic[] {
  const post = typeof input === 'string' ? parsePost(input) : input;
  const out: Diagnostic[] = [];
  for (const [code, rule] of Object.entries(RULES) as [Code, Rule][]) {
    const severity = ctx.config.severity[code];
    if (severity === 'off') continue;
    let findings: Finding[];
    try { findings = rule(post, ctx); } catch (e) {
      // A rule bug must not take the other rules (or the editor) down with it.
      findings = [{ code, start: 0, end: 0, fixes: [], message: `Internal error in rule ${code}: ${(e as Error).message}` }];
    }
    for (const f of findings) {
      const start = clamp(f.start, post.text.length);
      const end = clamp(Math.max(f.end, start), post.text.length);
      // Spelled out, not spread: findings come in many shapes, and spreading them was a third of a big post's lint.
      out.push({ code: f.code, severity, message: f.message, start, end, range: post.lines.range(start, end), fixes: f.fixes });
    }
  }
  // Codes are lowercase ASCII, where comparing code units orders them as localeCompare does, at a fraction of its cost.
  return out.sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function clamp(n: number, max: number): number { return Math.max(0, Math.min(n, max)); }

/** Whether a Markdown file should be linted as a post in the editor: it has front matter or English blocks. */
export function looksLikePost(post: Post): boolean {
  return post.frontMatter !== undefined || post.english.length > 0;
}
