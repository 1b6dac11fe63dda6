// Rule on entity lists: one spelling per entity across the blog.
import * as l10n from '@vscode/l10n';
import type { Finding, LintContext } from '../diagnostics';
import type { Post } from '../post';

export function entityVariant(post: Post, ctx: LintContext): Finding[] {
  const fm = post.frontMatter;
  const index = ctx.entities;
  if (!fm || !index) return [];
  const entityKeys = new Set(ctx.config.schema.keys.filter(k => k.entity).map(k => k.key));
  const out: Finding[] = [];
  for (const e of fm.entries) {
    if (!entityKeys.has(e.key) || e.value.kind !== 'list') continue;
    for (const item of e.value.items) {
      if (typeof item.value !== 'string' || !item.value.trim()) continue;
      const want = index.canonical(e.key, item.value);
      if (!want || want === item.value) continue;
      const q = item.raw.startsWith("'") ? "'" : item.raw.startsWith('"') ? '"' : '';
      const newText = q ? q + (q === "'" ? want.replace(/'/g, "''") : want) + q : needsQuotes(want) ? `'${want.replace(/'/g, "''")}'` : want;
      const uses = index.use(e.key, want)?.count ?? 0;
      out.push({ code: 'entity-variant', start: item.start, end: item.end,
        message: uses === 0 ? l10n.t`"${item.value}" is spelled "${want}" elsewhere in the blog (configured name). Use one spelling so the entity pages group it.`
          : uses === 1 ? l10n.t`"${item.value}" is spelled "${want}" elsewhere in the blog (1 post). Use one spelling so the entity pages group it.`
            : l10n.t`"${item.value}" is spelled "${want}" elsewhere in the blog (${uses} posts). Use one spelling so the entity pages group it.`,
        fixes: [{ title: l10n.t`Change to "${want}"`, preferred: true, edits: [{ start: item.start, end: item.end, newText }] }] });
    }
  }
  return out;
}

function needsQuotes(s: string): boolean {
  return /^[&*!|>%@`{}[\],#?:'"-]|: | #|^\s|\s$|^(true|false|null|~|yes|no|[-+]?\d+(\.\d+)?)$/i.test(s);
}
