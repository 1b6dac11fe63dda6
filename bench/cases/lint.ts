// Lint one post (parse + every rule) beside the markdownlint library and a plain line scan, at three sizes.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { defaultConfig, EntityIndex, lintPost, parsePost } from '../../src/core';
import { note, verdict, type Ctx } from '../context';
import { bigPost, largest, workFile } from '../inputs';
import { interleaved, ms, ratios, spread, summarize, times, type Summary } from '../stats';

/**
 * The floor: what any line-based linter must at least do. Split the text into lines and test each with one
 * anchored regex that recognises the lines a bilingual post is built from (block tags, headings, fences).
 */
const FLOOR_LINE = /^\s*(?:<\/?(?:details|summary|p)\b|#{1,6} |```)/;
export function lineScan(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (FLOOR_LINE.test(line)) n++;
  return n;
}
export const FLOOR_DESCRIPTION = '`text.split("\\n")`, then one anchored regex per line, `/^\\s*(?:<\\/?(?:details|summary|p)\\b|#{1,6} |```)/`, counting matches';

type MdLint = (opts: { strings: Record<string, string> }) => Record<string, unknown[]>;

async function markdownlint(): Promise<MdLint> {
  // Resolved at run time from node_modules (an ES module the bench bundle leaves external).
  const mod = await import('markdownlint/sync' as string) as { lint: MdLint };
  return mod.lint;
}

export function corpusIndex(ctx: Ctx): EntityIndex {
  const index = new EntityIndex(defaultConfig());
  for (const p of ctx.corpus) index.updateText(p.file, p.text);
  return index;
}

/** markdownlint on the 10 MiB post, in a child that is stopped after `limitMs` (its time grows faster than the size). */
function markdownlintChild(ctx: Ctx, file: string, limitMs: number): { ms?: number; problems?: number } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=6144', path.join(ctx.paths.work, 'bench.js'), '--child', 'markdownlint', file],
    { encoding: 'utf8', cwd: ctx.paths.root, timeout: limitMs, killSignal: 'SIGKILL' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' || r.signal) return {};
  if (r.status !== 0) throw new Error(`markdownlint child failed: ${(r.stderr || r.stdout).slice(-500)}`);
  return JSON.parse(r.stdout) as { ms: number; problems: number };
}

export async function markdownlintOnce(file: string): Promise<void> {
  const mdl = await markdownlint();
  const text = fs.readFileSync(file, 'utf8');
  const t = performance.now();
  const r = mdl({ strings: { post: text } });
  process.stdout.write(JSON.stringify({ ms: performance.now() - t, problems: r.post.length }));
}

export async function lintCase(ctx: Ctx): Promise<void> {
  const config = defaultConfig();
  const entities = corpusIndex(ctx);
  const mdl = await markdownlint();
  const top = largest(ctx.corpus);
  const oneMiB = bigPost(ctx.corpus, 1 << 20);
  const inputs = [
    { label: `largest real post (${top.name}, ${(top.bytes / 1024).toFixed(0)} KB)`, text: top.text, key: 'real' },
    { label: '1 MiB post (real blocks)', text: oneMiB, key: '1m' },
    { label: '10 MiB post (real blocks)', text: bigPost(ctx.corpus, 10 << 20), key: '10m' },
  ];
  const ours = (text: string) => () => lintPost(parsePost(text), { config, entities });
  let growth: Summary | undefined;
  for (const inp of inputs) {
    const diags = lintPost(inp.text, { config, entities }).length;
    ctx.log(`lint: ${inp.label}: ${diags} diagnostics`);
    const big = inp.key === '10m';
    // Ours beside the floor: many interleaved rounds. At 10 MiB the 1 MiB run joins the rounds, for the growth ratio.
    const fns = [ours(inp.text), () => lineScan(inp.text)];
    if (big) fns.push(ours(oneMiB));
    const [a, f, small] = interleaved(fns, { warmup: big ? 1 : 5, minRuns: ctx.q(big ? 7 : 15, 5), maxRuns: 200, budgetMs: ctx.q(big ? 10000 : 4000, 1500) });
    const sa = summarize(a), sf = summarize(f), rf = summarize(ratios(a, f));
    if (small) growth = summarize(ratios(a, small));
    ctx.rows.push({
      what: 'lint one post: beside the floor', input: inp.label, ours: spread(sa), beside: `line scan ${spread(sf)}`,
      result: `${times(rf.median)} the floor (${times(rf.p10)}–${times(rf.p90)})`, target: '≤ 8× the floor', verdict: verdict(rf.median <= 8),
    });
    if (big) {
      // markdownlint's time grows faster than the size (≈ 15 s at 1 MiB here): one run in a child, stopped at the limit.
      if (ctx.opts.quick) {
        ctx.rows.push({ what: 'lint one post: beside markdownlint', input: inp.label, ours: spread(sa), beside: 'markdownlint: not run in --quick', result: '—', target: '—', verdict: 'info' });
        continue;
      }
      const limit = 45000;
      const file = workFile(ctx.paths.work, 'post-10MiB.md', inp.text);
      const m = markdownlintChild(ctx, file, limit);
      ctx.rows.push({
        what: 'lint one post: beside markdownlint', input: inp.label, ours: spread(sa),
        beside: m.ms !== undefined ? `markdownlint ${ms(m.ms)} (one run)` : `markdownlint > ${limit / 1000} s (stopped; one run)`,
        result: m.ms !== undefined ? `${times(m.ms / sa.median)} faster` : `> ${times(limit / sa.median)} faster`, target: '—', verdict: 'info',
      });
      continue;
    }
    // Beside markdownlint: seconds per run, so few rounds (none to warm up at 1 MiB: a 15 s run warms itself).
    const [b, m] = interleaved([ours(inp.text), () => mdl({ strings: { post: inp.text } })],
      { warmup: inp.key === '1m' ? 0 : 1, minRuns: ctx.q(inp.key === '1m' ? 2 : 5, 1), maxRuns: 10, budgetMs: ctx.q(8000, 1) });
    const sb = summarize(b), sm = summarize(m);
    const rm = summarize(ratios(m, b));
    const at1m = inp.key === '1m';
    ctx.rows.push({
      what: 'lint one post: beside markdownlint', input: inp.label, ours: spread(sb), beside: `markdownlint ${spread(sm)}`,
      result: `${times(rm.median)} faster${rm.n > 1 ? ` (${times(rm.p10)}–${times(rm.p90)})` : ''}`,
      target: at1m ? '≥ 250× faster at 1 MiB' : '—', verdict: at1m ? verdict(rm.median >= 250) : 'info',
    });
    if (inp.key === 'real') note(ctx, 'lint', `On the largest real post markdownlint (default rules) reports ${mdl({ strings: { post: inp.text } }).post.length} problems; ours ${diags} diagnostics.`);
  }
  // Linear in size: the 10 MiB post's time over the 1 MiB post's, per interleaved round, as an exponent.
  if (growth) {
    const sizeRatio = Buffer.byteLength(inputs[2].text) / Buffer.byteLength(oneMiB);
    const k = (r: number) => Math.log(r) / Math.log(sizeRatio);
    ctx.rows.push({
      what: 'lint one post: linear in size', input: `10 MiB post beside the 1 MiB post, same rounds`, ours: `${times(growth.median)} the time for ${sizeRatio.toFixed(1)}× the text`, beside: '—',
      result: `time ∝ size^${k(growth.median).toFixed(2)} (${k(growth.p10).toFixed(2)}–${k(growth.p90).toFixed(2)})`, target: 'linear (exponent ≤ 1.10)', verdict: verdict(k(growth.median) <= 1.1),
    });
  }
}
