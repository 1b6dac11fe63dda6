// Whole-post conversions: alternating English/Chinese paragraphs into blocks, and block style A <-> B.
import type { BlockStyleName } from './edits';
import type { EnglishBlock, Post, TextBlock } from './post';
import { dominantStyle } from './rules/blocks';
import { eolOf } from './text';
import { paragraphExcerpt, finishAuthoring, lineLabel, paragraphLanguage, type AuthoringResult, type Language, type MappedEdit, type TextMove, type OffsetSelection } from './authoring';
import { blockEnglish, buildBlock, hasInlineMarkdown, literalMarkdownMessage, newBlockLabel, unwrapProblem, type LabelConfig } from './wrap';

export type PairOrder = 'en-first' | 'zh-first';

/** One run of English paragraphs and the run of Chinese paragraphs it belongs to, and how they become blocks. */
export interface ConvertGroup {
  /** First and last line of the paragraphs the group rewrites. */
  line: number;
  endLine: number;
  english: number;
  chinese: number;
  /** Set when the pairing is a guess the author should look at: says what was guessed. */
  ambiguity?: string;
  edit: MappedEdit;
}

/** Something the conversion leaves alone, and why. */
export interface ConvertNote { line: number; message: string }

export interface ConvertPlan {
  /** Which language comes first in each pair; undefined when nothing pairs. */
  order?: PairOrder;
  style: BlockStyleName;
  groups: ConvertGroup[];
  notes: ConvertNote[];
}

interface Para { block: TextBlock; lang: Language }

/**
 * Plans the conversion of a post pasted as alternating English and Chinese paragraphs (either order) into
 * Chinese paragraphs each followed by its English block. Headings, existing blocks and anything that is not a
 * paragraph separate the runs; a paragraph whose language is unclear is left alone and noted.
 */
export function planAlternating(post: Post, opts: { style?: BlockStyleName; label?: string; config: LabelConfig }): ConvertPlan {
  const style = opts.style ?? dominantStyle(post);
  const label = opts.label ?? newBlockLabel(post, style, opts.config);
  const eol = eolOf(post.text);
  const notes: ConvertNote[] = [];
  // Segments: maximal sequences of English/Chinese paragraphs with nothing else between them.
  const segments: Para[][] = [];
  let seg: Para[] = [];
  const close = () => { if (seg.length) segments.push(seg); seg = []; };
  for (const b of post.blocks) {
    if (b.kind !== 'text' || b.translation !== undefined || b.sectionTranslation !== undefined) { close(); continue; }
    const lang = paragraphLanguage(b.text);
    if (lang === 'en' || lang === 'zh') { seg.push({ block: b, lang }); continue; }
    close();
    if (lang === 'unclear') notes.push({ line: b.line, message: `${lineLabel(b.line)}: mixed English and Chinese ("${paragraphExcerpt(b.text)}"): left as is.` });
  }
  close();
  // Runs of one language inside each segment.
  const runsOf = (s: Para[]) => {
    const runs: Para[][] = [];
    for (const p of s) {
      const last = runs[runs.length - 1];
      if (last && last[0].lang === p.lang) last.push(p); else runs.push([p]);
    }
    return runs;
  };
  const segRuns = segments.map(runsOf);
  // Each section decides its own order by which pairs more paragraphs; the post's order is the one that pairs
  // the most, and a section that reads the other way gets its groups listed for a look.
  const local = segRuns.map(runs => {
    const en = pairRuns(runs, 'en').pairs.length, zh = pairRuns(runs, 'zh').pairs.length;
    return { en, zh, prefers: en > zh ? 'en' as const : zh > en ? 'zh' as const : undefined };
  });
  const weight = (l: 'en' | 'zh') => local.reduce((n, x) => n + (x.prefers === l ? x[l] : 0), 0);
  const enW = weight('en'), zhW = weight('zh');
  if (local.every(x => x.en === 0 && x.zh === 0)) {
    const lone = segRuns.flat().filter(r => r[0].lang === 'en').map(r => ({ line: r[0].block.line, message: `${lineLabel(r[0].block.line)}: English with no Chinese paragraph next to it: left as is.` }));
    return { style, groups: [], notes: [...notes, ...lone].sort((a, b) => a.line - b.line) };
  }
  let order: PairOrder = enW > zhW ? 'en-first' : zhW > enW ? 'zh-first' : segRuns.filter(r => r[0][0].lang === 'en').length * 2 >= segRuns.length ? 'en-first' : 'zh-first';
  if (enW === 0 && zhW === 0) order = local.some(x => x.en > 0) ? 'en-first' : 'zh-first';
  const groups: ConvertGroup[] = [];
  segRuns.forEach((runs, k) => {
    const segOrder: PairOrder = local[k].prefers ? (local[k].prefers === 'en' ? 'en-first' : 'zh-first') : order;
    const first: Language = segOrder === 'en-first' ? 'en' : 'zh';
    const { pairs, left } = pairRuns(runs, first);
    for (const r of left) {
      const l = r[0].block.line;
      notes.push({ line: l, message: r[0].lang === 'en'
        ? `${lineLabel(l)}: English with no Chinese paragraph ${segOrder === 'en-first' ? 'after' : 'before'} it: left as is.`
        : `${lineLabel(l)}: Chinese with no English ${segOrder === 'en-first' ? 'before' : 'after'} it: left as is (it will need its English).` });
    }
    for (const [en, zh] of pairs) {
      const g = groupEdit(post, en, zh, segOrder, style, label, eol);
      if (segOrder !== order && !g.ambiguity) g.ambiguity = `${lineLabel(g.line)}: this part reads ${segOrder === 'en-first' ? 'English' : 'Chinese'} first, unlike most of the post: paired that way.`;
      groups.push(g);
    }
  });
  groups.sort((a, b) => a.line - b.line);
  notes.sort((a, b) => a.line - b.line);
  return { order, style, groups, notes };
}

function pairRuns(runs: Para[][], first: Language): { pairs: [Para[], Para[]][]; left: Para[][] } {
  const pairs: [Para[], Para[]][] = [];
  const left: Para[][] = [];
  let i = 0;
  while (i < runs.length) {
    const a = runs[i], b = runs[i + 1];
    if (a[0].lang === first && b) {
      pairs.push(first === 'en' ? [a, b] : [b, a]);
      i += 2;
    } else { left.push(a); i++; }
  }
  return { pairs, left };
}

function groupEdit(post: Post, en: Para[], zh: Para[], order: PairOrder, style: BlockStyleName, label: string, eol: string): ConvertGroup {
  const all = [...en, ...zh].map(p => p.block).sort((a, b) => a.start - b.start);
  const start = all[0].start, end = all[all.length - 1].end;
  let text = '';
  const moves: TextMove[] = [];
  const sep = eol + eol;
  const addZh = (b: TextBlock) => {
    if (text) text += sep;
    moves.push({ src: b.start, dst: text.length, len: b.end - b.start });
    text += post.text.slice(b.start, b.end);
  };
  const addEn = (bs: TextBlock[]) => {
    // Several English paragraphs in one block: the text between them (their blank lines) comes along.
    const u = post.text.slice(bs[0].start, bs[bs.length - 1].end);
    const blk = buildBlock(u, style, label, eol, bs[0].start);
    text += sep;
    for (const m of blk.moves) moves.push({ ...m, dst: m.dst + text.length });
    text += blk.text;
  };
  let ambiguity: string | undefined;
  if (en.length === 1 && zh.length === 1) { addZh(zh[0].block); addEn([en[0].block]); }
  else if (en.length === zh.length) {
    ambiguity = `${en.length} English paragraphs ${order === 'en-first' ? 'then' : 'after'} ${zh.length} Chinese ones: paired one by one, in order.`;
    for (let k = 0; k < zh.length; k++) { addZh(zh[k].block); addEn([en[k].block]); }
  } else {
    ambiguity = `${en.length} English paragraph${en.length > 1 ? 's' : ''} and ${zh.length} Chinese paragraph${zh.length > 1 ? 's' : ''}: the English goes into one block under the last Chinese paragraph.`;
    for (const p of zh) addZh(p.block);
    addEn(en.map(p => p.block));
  }
  const line = all[0].line, endLine = all[all.length - 1].endLine;
  return {
    line, endLine, english: en.length, chinese: zh.length,
    ...(ambiguity ? { ambiguity: `${lineLabel(line)}: ${ambiguity}` } : {}),
    edit: { start, end, newText: text, moves, fallback: 0 },
  };
}

/** The edits of a plan: every group, or only the groups that are not guesses. */
export function applyPlan(plan: ConvertPlan, which: 'all' | 'clear', selections: readonly OffsetSelection[] = []): AuthoringResult {
  const groups = plan.groups.filter(g => which === 'all' || !g.ambiguity);
  return finishAuthoring(groups.map(g => g.edit), selections, []);
}

const VIEW_HIDE = /^View\/Hide Original (.+)$/;
const ORIGINAL = /^Original (?!.*Source$)(.+)$/;

/** A block's label in the other style: "View/Hide Original X" <-> "Original X"; other labels are kept. */
export function labelForStyle(label: string, to: BlockStyleName, config: LabelConfig): string {
  if (to === 'B') {
    if (label === config.defaultLabel && !VIEW_HIDE.test(label)) return 'Original English';
    const m = VIEW_HIDE.exec(label);
    return m ? `Original ${m[1]}` : label;
  }
  const m = ORIGINAL.exec(label);
  if (!m) return label;
  return m[1] === 'English' && config.defaultLabel !== 'View/Hide Original English' ? config.defaultLabel : `View/Hide Original ${m[1]}`;
}

/**
 * Converts every style-A or style-B English block of a post to `to`, keeping the English exactly (style A's body
 * encoding, see wrap.ts). Style-C blocks (one per section) and blocks whose bounds are unreliable are left alone
 * and listed in the messages.
 */
export function convertStyle(post: Post, to: BlockStyleName, config: LabelConfig, selections: readonly OffsetSelection[] = []): AuthoringResult {
  const eol = eolOf(post.text);
  const edits: MappedEdit[] = [];
  const messages: string[] = [];
  let sections = 0, literal = 0;
  for (const e of post.english) {
    if (e.style === 'C') { sections++; continue; }
    if (e.style === to) continue;
    const problem = unwrapProblem(e);
    if (problem) { messages.push(`The English block at ${lineLabel(e.line)} was left as is: ${problem}.`); continue; }
    if (to === 'A' && hasInlineMarkdown(e.text)) literal++;
    edits.push(restyle(post, e, to, config, eol));
  }
  if (sections) messages.push(`${sections} section-level "Original English Source" block${sections > 1 ? 's were' : ' was'} left as is.`);
  if (literal) messages.push(literalMarkdownMessage(literal));
  return finishAuthoring(edits, selections, messages);
}

function restyle(post: Post, e: EnglishBlock, to: BlockStyleName, config: LabelConfig, eol: string): MappedEdit {
  const en = blockEnglish(post, e);
  const label = labelForStyle(e.label || (e.style === 'A' ? config.defaultLabel : 'Original English'), to, config);
  const blk = buildBlock(en.text, to, label, eol, 0);
  // Chain the moves: document -> English (en.moves) -> block (blk.moves, in English offsets).
  const moves: TextMove[] = [];
  for (const a of en.moves) {
    for (const b of blk.moves) {
      const lo = Math.max(a.dst, b.src), hi = Math.min(a.dst + a.len, b.src + b.len);
      if (lo > hi) continue;
      moves.push({ src: a.src + (lo - a.dst), dst: b.dst + (lo - b.src), len: hi - lo });
    }
  }
  const fallback = (blk.moves[0]?.dst ?? blk.text.indexOf('>', blk.text.indexOf('<summary')) + 1);
  return { start: e.start, end: e.end, newText: blk.text, moves, fallback };
}
