// Lint a blog from the command line: our CLI beside markdownlint-cli2, both as child processes on the same files.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { note, verdict, type Ctx } from '../context';
import { generatedBlog, workFile } from '../inputs';
import { ms, ratios, spread, summarize, times } from '../stats';

interface Tool { name: string; argv: (dir: string) => string[] }

/** Preloaded into each run: reports the process's peak resident memory on exit. */
const PEAK_RSS = "process.on('exit', () => { try { const u = process.resourceUsage(); require('fs').writeSync(2, '\\n@@usage ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); } catch {} });";

function wall(argv: string[], cwd: string, preload: string): { ms: number; cpuMs: number; status: number | null; out: string; rssMB?: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  const err = r.stderr ?? '';
  const u = /@@usage (\d+) (\d+)/.exec(err);
  return { ms, cpuMs: u ? Number(u[2]) / 1000 : NaN, status: r.status, out: (r.stdout ?? '') + err.replace(/\n@@usage \d+ \d+\n/, ''), rssMB: u ? Number(u[1]) / 1024 : undefined };
}

/**
 * Runs the tools in alternating order, `runs` rounds, after one untimed run of the first tool when `warm` (it
 * brings the files into the page cache for both; a fresh process has no JIT warmth to gain).
 */
function compare(ctx: Ctx, tools: Tool[], dir: string, runs: number, warm: boolean): { samples: number[][]; cpu: number[][]; last: string[]; rssMB: number[] } {
  const preload = workFile(ctx.paths.work, 'usage-on-exit.js', PEAK_RSS + '\n');
  const samples: number[][] = tools.map(() => []);
  const cpu: number[][] = tools.map(() => []);
  const last: string[] = tools.map(() => '');
  const rssMB: number[] = tools.map(() => 0);
  if (warm) wall(tools[0].argv(dir), dir, preload);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < tools.length; k++) {
      const i = (r + k) % tools.length;
      const res = wall(tools[i].argv(dir), dir, preload);
      if (res.status !== 0 && res.status !== 1) throw new Error(`${tools[i].name} exited ${res.status}: ${res.out.slice(-500)}`);
      samples[i].push(res.ms);
      cpu[i].push(res.cpuMs);
      last[i] = res.out;
      rssMB[i] = Math.max(rssMB[i], res.rssMB ?? 0);
    }
  }
  return { samples, cpu, last, rssMB };
}

/** A folder holding every k-th post of a blog (hard links), for the peer that cannot lint the whole blog in time. */
function subset(files: readonly string[], dir: string, every: number): string {
  const posts = path.join(dir, 'posts');
  const want = files.filter((_, i) => i % every === 0);
  const stamp = path.join(dir, '.stamp');
  const key = `${files.length}:${every}:${want.map(f => fs.statSync(f).mtimeMs).join(',')}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(posts, { recursive: true });
  for (const f of want) {
    const to = path.join(posts, path.basename(f));
    try { fs.linkSync(f, to); } catch { fs.copyFileSync(f, to); }
  }
  fs.writeFileSync(stamp, key);
  return dir;
}

/** "12.9× faster (wall; 11.8×–13.5×), 14.0× in CPU time". */
function faster(ours: { samples: number[]; cpu: number[] }, peer: { samples: number[]; cpu: number[] }): { text: string; wall: number } {
  const w = summarize(ratios(peer.samples, ours.samples));
  const c = summarize(ratios(peer.cpu, ours.cpu));
  const spreadText = w.n > 1 ? `; ${times(w.p10)}–${times(w.p90)}` : '';
  return { text: `${times(w.median)} faster (wall${spreadText}); ${Number.isFinite(c.median) ? `${times(c.median)} in CPU time` : ''}`, wall: w.median };
}

const cpuNote = (cpu: number[]) => `, CPU ${ms(summarize(cpu).median)}`;

export async function cliCase(ctx: Ctx): Promise<void> {
  const cli = path.join(ctx.paths.root, 'dist', 'cli.js');
  const mdl2 = path.join(ctx.paths.root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing (npm run build)');
  // Both get a folder and find the .md files in it themselves; both print every problem (discarded here).
  const ours: Tool = { name: 'bilingual-posts', argv: () => [cli, 'lint', 'posts'] };
  const peer: Tool = { name: 'markdownlint-cli2', argv: () => [mdl2, 'posts/**/*.md'] };
  const pick = (r: ReturnType<typeof compare>, i: number) => ({ samples: r.samples[i], cpu: r.cpu[i] });

  // 1. The real corpus, run from the folder that holds it as posts/ (the layout both tools see in a blog).
  const corpusDir = path.dirname(ctx.paths.corpus);
  const c = compare(ctx, [ours, peer], corpusDir, ctx.q(3, 1), true);
  const fc = faster(pick(c, 0), pick(c, 1));
  ctx.rows.push({
    what: 'lint a blog from the CLI', input: `the corpus: ${ctx.corpus.length} real posts, ${(ctx.corpus.reduce((s, p) => s + p.bytes, 0) / 2 ** 20).toFixed(1)} MiB`,
    ours: spread(summarize(c.samples[0])) + cpuNote(c.cpu[0]), beside: `markdownlint-cli2 ${spread(summarize(c.samples[1]))}${cpuNote(c.cpu[1])}`,
    result: fc.text, target: '≥ 30× faster', verdict: verdict(fc.wall >= 30),
  });
  note(ctx, 'cli', `On the corpus our CLI ends with: "${c.last[0].trim().split('\n').slice(-2).join(' ')}"; markdownlint-cli2 prints ${c.last[1].split('\n').filter(l => /MD\d{3}/.test(l)).length} problems.`);

  // 2. The 10,000-post blog. markdownlint-cli2 would need most of an hour for all of it here, so by default it runs on
  // every 50th post (200 posts) beside ours on the same files, and ours alone runs on all 10,000 (once).
  const blog = generatedBlog(ctx.corpus, ctx.paths.work, 10000);
  ctx.log(`cli: generated blog ${blog.files.length} posts, ${(blog.bytes / 2 ** 20).toFixed(0)} MiB`);
  const every = 50;
  const n = Math.ceil(blog.files.length / every);
  const sub = subset(blog.files, path.join(ctx.paths.work, `blog-10000-every-${every}`), every);
  const s = compare(ctx, [ours, peer], sub, ctx.q(2, 1), true);
  const fs1 = faster(pick(s, 0), pick(s, 1));
  ctx.rows.push({
    what: 'lint a blog from the CLI', input: `every ${every}th post of the generated 10,000 (${n} posts)`,
    ours: spread(summarize(s.samples[0])) + cpuNote(s.cpu[0]), beside: `markdownlint-cli2 ${spread(summarize(s.samples[1]))}${cpuNote(s.cpu[1])}`,
    result: fs1.text, target: '≥ 30× faster', verdict: verdict(fs1.wall >= 30),
  });
  ctx.log(`cli: the whole 10,000-post blog${ctx.opts.full ? ', both tools' : ''}`);
  const all = compare(ctx, ctx.opts.full ? [ours, peer] : [ours], blog.dir, 1, false);
  const a0 = summarize(all.samples[0]);
  const label = `generated blog: 10,000 posts, ${(blog.bytes / 2 ** 20).toFixed(0)} MiB (one run each)`;
  if (ctx.opts.full) {
    const fa = faster(pick(all, 0), pick(all, 1));
    ctx.rows.push({
      what: 'lint a blog from the CLI', input: label, ours: spread(a0) + cpuNote(all.cpu[0]), beside: `markdownlint-cli2 ${spread(summarize(all.samples[1]))}${cpuNote(all.cpu[1])}`,
      result: fa.text, target: '≥ 30× faster', verdict: verdict(fa.wall >= 30),
    });
  } else {
    // Linting is per file, so the peer's time for the blog is its per-post time on the subset times 10,000.
    const est = summarize(s.samples[1]).median * blog.files.length / n;
    const estCpu = summarize(s.cpu[1]).median * blog.files.length / n;
    ctx.rows.push({
      what: 'lint a blog from the CLI', input: label,
      ours: `${ms(a0.median)}${cpuNote(all.cpu[0])} (${(a0.median / blog.files.length).toFixed(2)} ms/post)`,
      beside: `markdownlint-cli2 ≈ ${ms(est)} (${blog.files.length / n}× its ${n}-post time; --full runs it)`,
      result: `≈ ${times(est / a0.median)} faster (estimated); ≈ ${times(estCpu / summarize(all.cpu[0]).median)} in CPU time`, target: '≥ 30× faster', verdict: verdict(est / a0.median >= 30),
    });
  }
  note(ctx, 'cli', `On the 10,000-post blog our CLI ends with: "${all.last[0].trim().split('\n').slice(-2).join(' ')}".`);
  ctx.rows.push({
    what: 'memory: CLI peak', input: `peak resident memory (maxRSS) linting the 10,000-post blog${ctx.opts.full ? '' : ` (markdownlint-cli2: the ${n}-post subset)`}`,
    ours: `${all.rssMB[0].toFixed(0)} MB`, beside: `markdownlint-cli2 ${(ctx.opts.full ? all.rssMB[1] : s.rssMB[1]).toFixed(0)} MB`, result: `${all.rssMB[0].toFixed(0)} MB`, target: 'report MB held', verdict: 'info',
  });
  note(ctx, 'cli', `Peak resident memory on the corpus: ours ${c.rssMB[0].toFixed(0)} MB, markdownlint-cli2 ${c.rssMB[1].toFixed(0)} MB; on the ${n}-post subset: ours ${s.rssMB[0].toFixed(0)} MB, markdownlint-cli2 ${s.rssMB[1].toFixed(0)} MB.`);
}
