// Rules on the body: translations present, well-formed, labelled, in English, attached, and spaced.
import * as l10n from '@vscode/l10n';
import type { Fix, Finding, LintContext } from '../diagnostics';
import { englishBlockText, type BlockStyleName } from '../edits';
import type { EnglishBlock, Post, TextBlock } from '../post';
import { editDistance, eolOf, hanRatio, hasHan, skipSpaces } from '../text';
import { translationPlan } from '../coverage';

const lineEndAt = (post: Post, offset: number) => post.lines.lineEnd(post.lines.lineAt(offset));

export function missingTranslation(post: Post, ctx: LintContext): Finding[] {
  const plan = translationPlan(post, ctx.config.translationMode);
  const out: Finding[] = [];
  // Once per post, not per gap: counting the post's blocks for each of thousands of gaps made big posts quadratic.
  const style = plan.mode === 'section' ? 'C' : plan.missing.length ? dominantStyle(post) : 'A';
  for (const u of plan.missing) {
    const first = post.lines.lineEnd(u.line);
    if (plan.mode === 'section') {
      out.push({ code: 'missing-translation', start: u.start, end: first, fixes: [insertBlockFix(post, ctx, u, style)],
        message: l10n.t('This section has Chinese paragraphs but no "Original English Source" block. Add the English of the section after its last paragraph.') });
    } else {
      out.push({ code: 'missing-translation', start: u.start, end: first, fixes: [insertBlockFix(post, ctx, u, style)],
        message: l10n.t('This Chinese paragraph has no English block after it. Add the original English in a <details> block below it.') });
    }
  }
  return out;
}

/** The style new blocks get in this post: the one most of its blocks use, A by default. */
export function dominantStyle(post: Post): BlockStyleName {
  let a = 0, b = 0;
  for (const e of post.english) { if (e.style === 'A') a++; else if (e.style === 'B') b++; }
  return b > a ? 'B' : 'A';
}

function insertBlockFix(post: Post, ctx: LintContext, u: TextBlock | { end: number }, st: BlockStyleName | 'C'): Fix {
  const eol = eolOf(post.text);
  const label = st === 'C' ? 'Original English Source' : st === 'B' ? 'Original English' : ctx.config.defaultLabel;
  // Insert after the unit (or, for a section, after its last text unit).
  const at = u.end;
  const block = englishBlockText('', st === 'C' ? 'B' : st, label, eol);
  const next = post.text.slice(at, at + 4).match(/^(\r?\n)?(\r?\n)?/)!;
  const blankAfter = next[1] && next[2] ? '' : eol; // keep a blank line between the block and what follows
  const newText = eol + eol + block.text + (at >= post.text.length ? eol : blankAfter);
  return { title: l10n.t('Add an English block below'), preferred: false, edits: [{ start: at, end: at, newText }], cursor: at + eol.length * 2 + block.cursor };
}

export function emptyTranslation(post: Post): Finding[] {
  const out: Finding[] = [];
  for (const e of post.english) {
    // Text whose first non-space character is not a tag is not empty: the usual case, settled without a copy.
    const first = skipSpaces(e.text, 0, e.text.length);
    if (first < e.text.length && e.text.charCodeAt(first) !== 60) continue;
    if (e.text.replace(/<br\s*\/?>/gi, '').trim() !== '') continue;
    out.push({ code: 'empty-translation', start: e.start, end: lineEndAt(post, e.start), fixes: [],
      message: l10n.t('This English block is empty. Paste the original English into it.') });
  }
  return out;
}

export function malformedBlock(post: Post): Finding[] {
  const out: Finding[] = [];
  const eol = eolOf(post.text);
  for (const e of post.english) {
    // Nearly every block is well formed: check that once before looking for each mistake.
    if (!e.openJunk && e.summaryClose === 'summary' && (!e.pOpen || e.pOpen.className === 'english-text') && (e.style !== 'A' || e.pClosed)
      && !e.stray.length && !e.closeTypo && e.closed) continue;
    const report = (message: string, end: number, fixes: Fix[]) =>
      out.push({ code: 'malformed-block', start: e.start, end: Math.max(end, lineEndAt(post, e.start)), message, fixes });
    if (e.openJunk) {
      report(l10n.t('A stray `<` before `<details>`: the site shows it as text and the block does not fold.'), e.openJunk.end + 1,
        [{ title: l10n.t('Remove the stray `<`'), preferred: true, edits: [{ start: e.openJunk.start, end: e.openJunk.end, newText: '' }] }]);
    }
    if (e.summaryClose === 'p') {
      const closeStart = e.labelEnd;
      const closeEnd = post.text.indexOf('>', closeStart) + 1;
      report(l10n.t('The summary is closed by `</p>` instead of `</summary>`: browsers then put the English inside the summary line.'), closeEnd,
        [{ title: l10n.t('Close the summary with </summary>'), preferred: true, edits: [{ start: closeStart, end: closeEnd, newText: '</summary>' }] }]);
    } else if (e.summaryClose === 'none') {
      report(l10n.t('The summary is never closed: add `</summary>` after the label.'), e.labelEnd,
        [{ title: l10n.t('Add </summary>'), preferred: true, edits: [{ start: e.labelEnd, end: e.labelEnd, newText: '</summary>' }] }]);
    } else if (e.summaryClose === 'missing') {
      const at = post.lines.lineEnd(e.line);
      report(l10n.t('This English block has no `<summary>` line, so the site shows a bare "Details" label.'), at,
        [{ title: l10n.t('Add the summary line'), preferred: true, edits: [{ start: at, end: at, newText: eol + '<summary>' + (e.style === 'A' ? 'View/Hide Original English' : 'Original English') + '</summary>' }] }]);
    }
    if (e.pOpen && e.pOpen.className !== 'english-text') {
      report(e.pOpen.className ? l10n.t('The English paragraph has class "{0}"; the site styles only `class="english-text"`.', e.pOpen.className) : l10n.t('The English paragraph has no class; the site styles only `class="english-text"`.'), e.pOpen.end,
        [{ title: l10n.t('Use class="english-text"'), preferred: true, edits: [{ start: e.pOpen.start, end: e.pOpen.end, newText: '<p class="english-text">' }] }]);
    }
    if (e.style === 'A' && !e.pClosed) {
      report(l10n.t('The English paragraph is never closed: add `</p>` at the end of the English text.'), e.textEnd,
        [{ title: l10n.t('Add </p>'), preferred: true, edits: [{ start: e.textEnd, end: e.textEnd, newText: '</p>' }] }]);
    }
    for (const s of e.stray) {
      const ls = post.lines.lineStarts[post.lines.lineAt(s.start)];
      const le = post.lines.lineEnd(post.lines.lineAt(s.start));
      const wholeLine = post.text.slice(ls, le).trim() === post.text.slice(s.start, s.end).trim();
      const del = wholeLine ? { start: ls, end: Math.min(post.text.length, le + (post.text[le] === '\r' ? 2 : 1)), newText: '' } : { start: s.start, end: s.end, newText: '' };
      report(l10n.t('A stray `{0}` inside the English block.', s.tag), s.end, [{ title: l10n.t('Remove the stray {0}', s.tag), preferred: true, edits: [del] }]);
    }
    if (e.closeTypo) {
      const tag = post.text.slice(e.closeStart!, e.closeEnd!);
      report(l10n.t('`{0}` is a misspelled `</details>`: the block is never closed.', tag), e.closeEnd!,
        [{ title: l10n.t('Spell it </details>'), preferred: true, edits: [{ start: e.closeStart!, end: e.closeEnd!, newText: '</details>' }] }]);
    }
    if (!e.closed) {
      const at = e.end;
      // Keep a blank line before what follows, or the fix itself would glue it to the block.
      const nextLine = e.endLine + 1 < post.lines.lineCount ? post.lines.lineText(e.endLine + 1) : '';
      const gap = nextLine.trim() !== '' && !/^\s*</.test(nextLine) ? eol : '';
      report(l10n.t('This <details> block is never closed: everything after it folds into it. Add `</details>` after the English.'), at,
        [{ title: l10n.t('Add </details>'), preferred: true, edits: [{ start: at, end: at, newText: eol + '</details>' + gap }] }]);
    }
  }
  for (const b of post.blocks) {
    if (b.kind === 'html' && b.stray === 'details-close') {
      const le = post.lines.lineEnd(b.line);
      const only = post.text.slice(post.lines.lineStarts[b.line], le).trim().toLowerCase() === '</details>';
      // Between two non-blank lines the line is emptied rather than deleted: deleting it would glue what follows
      // to what precedes (a heading onto a block's `</details>`, one paragraph onto another).
      const filled = (l: number) => l >= post.bodyLine && l < post.lines.lineCount && post.lines.lineText(l).trim() !== '';
      const end = filled(b.line - 1) && filled(b.line + 1) ? le : Math.min(post.text.length, le + (post.text[le] === '\r' ? 2 : 1));
      out.push({ code: 'malformed-block', start: b.start, end: le, message: l10n.t('A `</details>` with no `<details>` before it.'),
        fixes: only ? [{ title: l10n.t('Remove the stray </details>'), preferred: true, edits: [{ start: b.start, end, newText: '' }] }] : [] });
    }
  }
  return out;
}

/** The accepted label a near-miss label was meant to be, if any. */
export function nearestLabel(label: string, accepted: readonly string[]): string | undefined {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const l = norm(label);
  if (accepted.some(a => norm(a) === l)) return undefined;
  let best: string | undefined, bestD = Infinity;
  for (const a of accepted) {
    const d = editDistance(l.toLowerCase(), norm(a).toLowerCase(), 10);
    if (d < bestD) { bestD = d; best = a; }
  }
  // "Original Original English": a doubled word is a near miss whatever its length.
  const dedup = l.replace(/\b(\w+)(\s+\1\b)+/gi, '$1');
  if (dedup !== l) {
    const hit = accepted.find(a => norm(a).toLowerCase() === dedup.toLowerCase());
    if (hit) return hit;
  }
  return best !== undefined && (bestD <= 3 || (l.toLowerCase() === norm(best).toLowerCase())) ? best : undefined;
}

export function summaryLabel(post: Post, ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  // A post repeats a handful of labels thousands of times: judge each distinct label once.
  const seen = new Map<string, string | undefined>();
  let last: string | undefined, lastWant: string | undefined;
  for (const e of post.english) {
    if (e.summaryClose === 'missing' || !e.label) continue;
    let want: string | undefined;
    if (e.label === last) want = lastWant;
    else {
      want = seen.get(e.label);
      if (want === undefined && !seen.has(e.label)) { want = nearestLabel(e.label, ctx.config.acceptedLabels); seen.set(e.label, want); }
      last = e.label; lastWant = want;
    }
    if (!want) continue;
    out.push({ code: 'summary-label', start: e.start, end: e.labelEnd, message: l10n.t`The summary label "${e.label}" looks like a typo of "${want}".`,
      fixes: [{ title: l10n.t`Change the label to "${want}"`, preferred: true, edits: [{ start: e.labelStart, end: e.labelEnd, newText: want }] }] });
  }
  return out;
}

export function chineseInEnglish(post: Post, ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  const chineseLabel = ctx.config.acceptedLabels.find(l => /chinese|中文/i.test(l));
  let last: string | undefined, lastChinese = false;
  for (const e of post.english) {
    // Labels repeat block after block: test each run of one label once.
    if (e.label !== last) { last = e.label; lastChinese = /chinese|中文/i.test(e.label); }
    if (lastChinese) continue;
    // Most English blocks have no Han at all: the native regex scan settles those without counting words.
    if (!hasHan(e.text) || hanRatio(e.text) <= 0.5) continue;
    // A section's source block keeps its label: without "Source" it would stop covering its section.
    const fixes: Fix[] = chineseLabel && e.summaryClose !== 'missing' && e.style !== 'C'
      ? [{ title: l10n.t`Label it "${chineseLabel}" (the original was Chinese)`, edits: [{ start: e.labelStart, end: e.labelEnd, newText: chineseLabel }] }]
      : [];
    out.push({ code: 'chinese-in-english', start: e.start, end: lineEndAt(post, e.start), fixes,
      message: l10n.t('This English block is mostly Chinese. Put the English original here, or, if the original was Chinese, label the block as such.') });
  }
  return out;
}

export function orphanTranslation(post: Post): Finding[] {
  const out: Finding[] = [];
  const blocks = post.blocks;
  for (let idx = 0; idx < blocks.length; idx++) {
    const e = blocks[idx];
    if (e.kind !== 'english' || e.sectionLevel || e.pairedWith !== undefined) continue;
    let p = idx - 1;
    while (p >= 0 && post.blocks[p].kind === 'comment') p--;
    const prev = p >= 0 ? post.blocks[p] : undefined;
    const message = !prev ? l10n.t('This English block follows the start of the post, not a Chinese paragraph: move it under the paragraph it translates, or add that paragraph.')
      : prev.kind === 'heading' ? l10n.t('This English block follows a heading, not a Chinese paragraph: move it under the paragraph it translates, or add that paragraph.')
        : prev.kind === 'english' ? l10n.t('This English block follows another English block, not a Chinese paragraph: move it under the paragraph it translates, or add that paragraph.')
          : l10n.t('This English block follows something that is not a paragraph, not a Chinese paragraph: move it under the paragraph it translates, or add that paragraph.');
    out.push({ code: 'orphan-translation', start: e.start, end: lineEndAt(post, e.start), fixes: [], message });
  }
  return out;
}

export function blockSpacing(post: Post): Finding[] {
  const out: Finding[] = [];
  const eol = eolOf(post.text);
  for (const e of post.english) {
    if (!e.closed) continue;
    if (e.trailing) {
      out.push({ code: 'block-spacing', start: e.trailing.start, end: e.trailing.end,
        message: l10n.t('Text right after `</details>` on the same line is swallowed into the HTML block: Markdown in it is not rendered. Put it on its own line after a blank line.'),
        fixes: [{ title: l10n.t('Move it below a blank line'), preferred: true, edits: [{ start: e.closeEnd!, end: e.trailing.start, newText: eol + eol }] }] });
      continue;
    }
    const next = e.endLine + 1;
    if (next >= post.lines.lineCount) continue;
    const at = post.lines.lineStarts[next], le = post.lines.lineEnd(next);
    const first = skipSpaces(post.text, at, le);
    if (first === le || post.text.charCodeAt(first) === 60) continue; // a blank line; HTML after HTML is harmless
    out.push({ code: 'block-spacing', start: at, end: post.lines.lineEnd(next),
      message: l10n.t('No blank line after `</details>`: Markdown swallows this paragraph into the HTML block, so it renders as raw text. Add a blank line.'),
      fixes: [{ title: l10n.t('Insert a blank line'), preferred: true, edits: [{ start: at, end: at, newText: eol }] }] });
  }
  return out;
}

export type { EnglishBlock };
