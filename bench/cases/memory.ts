// Memory held: the 10,000-post index (and whether churn makes it grow), gray-matter's cache, a parsed 10 MiB post.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { completeFrontMatter } from '../../src/core/completion';
import { defaultConfig, EntityIndex, lintPost, parsePost } from '../../src/core';
import { note, verdict, type Ctx } from '../context';
import { bigPost, generatedBlog, loadCorpus, paths } from '../inputs';
import { gc, heapMB } from '../stats';
import { headText } from './index';
import { markdownlintOnce } from './lint';
import { startChild } from './start';

function blogFiles(root: string): string[] {
  const dir = path.join(paths(root).work, 'blog-10000', 'posts');
  return fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(f => path.join(dir, f));
}

/** Each memory figure comes from a fresh node (--expose-gc), so nothing else measured before is on the heap. */
export async function runChild(root: string, name: string, args: string[]): Promise<void> {
  const out = (o: unknown) => process.stdout.write(JSON.stringify(o));
  if (name === 'start') return startChild(root);
  if (name === 'markdownlint') return markdownlintOnce(args[0]);
  gc();
  const base = heapMB();
  if (name === 'index') {
    const files = blogFiles(root);
    const config = defaultConfig();
    const decoder = new TextDecoder();
    const read = (f: string, r: number) => {
      const text = headText(fs.readFileSync(f), decoder);
      // Round r > 0: every list value changes (as if the blog were re-tagged), so old values must be let go.
      return r ? text.replace(/^(\s*- .*)$/gm, `$1 r${r}`) : text;
    };
    const sample = fs.readFileSync(files[0], 'utf8');
    const at = sample.indexOf('\ntags:');
    // What completion and hover fill: the grouped entity tables and the completion caches.
    const use = (index: EntityIndex) => {
      for (const k of index.usedKeys()) index.entities(k);
      if (at > 0 && typeof completeFrontMatter === 'function') completeFrontMatter(sample, at + 6, index, config);
    };
    // Warm-up cycle on 500 posts, so compiled code and one-time tables are in the baseline, not in "held".
    const warm = new EntityIndex(config);
    for (const f of files.slice(0, 500)) warm.updateText(f, read(f, 0));
    use(warm);
    for (const f of files.slice(0, 500)) warm.remove(f);
    gc();
    const base0 = heapMB();
    const index = new EntityIndex(config);
    for (const f of files) index.updateText(f, read(f, 0));
    use(index);
    gc();
    const built = heapMB() - base0;
    const rounds: number[] = [];
    const churnRounds = Number(args[0] ?? 5);
    for (let r = 1; r <= churnRounds; r++) {
      for (const f of files) index.updateText(f, read(f, r));
      use(index);
      gc();
      rounds.push(heapMB() - base0);
    }
    for (const f of files) index.remove(f);
    use(index);
    gc();
    out({ built, rounds, empty: heapMB() - base0, size: index.size, files: files.length });
  } else if (name === 'gray-matter') {
    const files = blogFiles(root);
    const matter = require('gray-matter') as ((s: string, o?: object) => unknown) & { cache: Record<string, unknown>; clearCache?: () => void };
    for (const f of files) matter(fs.readFileSync(f, 'utf8'));
    gc();
    const cached = heapMB() - base;
    matter.clearCache?.();
    for (const k of Object.keys(matter.cache)) delete matter.cache[k];
    gc();
    const base2 = heapMB();
    for (const f of files) matter(fs.readFileSync(f, 'utf8'), {});
    gc();
    out({ cached, uncached: heapMB() - base2 });
  } else if (name === 'post') {
    const corpus = loadCorpus(paths(root).corpus);
    const text = bigPost(corpus, 10 << 20);
    const index = new EntityIndex(defaultConfig());
    for (const p of corpus) index.updateText(p.file, p.text);
    corpus.length = 0;
    gc();
    const withText = heapMB();
    const post = parsePost(text);
    gc();
    const parsed = heapMB() - withText;
    const diags = lintPost(post, { config: defaultConfig(), entities: index });
    gc();
    const linted = heapMB() - withText;
    out({ textMB: Buffer.byteLength(text) / 1048576, textHeapMB: text.length * 2 / 1048576, parsed, linted, diagnostics: diags.length, blocks: post.blocks.length });
  } else throw new Error(`unknown child ${name}`);
}

function child<T>(ctx: Ctx, name: string, args: string[] = []): T {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', path.join(ctx.paths.work, 'bench.js'), '--child', name, ...args],
    { encoding: 'utf8', cwd: ctx.paths.root, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`memory child ${name} failed: ${(r.stderr || r.stdout).slice(-800)}`);
  return JSON.parse(r.stdout) as T;
}

const mb = (x: number) => `${x.toFixed(1)} MB`;

export async function memoryCase(ctx: Ctx): Promise<void> {
  generatedBlog(ctx.corpus, ctx.paths.work, 10000);
  const idx = child<{ built: number; rounds: number[]; empty: number; size: number; files: number }>(ctx, 'index', [String(ctx.q(5, 2))]);
  ctx.log('memory: index measured');
  const gm = child<{ cached: number; uncached: number }>(ctx, 'gray-matter');
  ctx.rows.push({
    what: 'memory: entity index', input: '10,000 generated posts (texts not kept), entity tables and completion caches filled',
    ours: `${mb(idx.built)} held (${(idx.built * 1024 * 1024 / idx.files).toFixed(0)} B/post)`, beside: `gray-matter's module cache after parsing the same posts: ${mb(gm.cached)} (${mb(gm.uncached)} when given options)`,
    result: `${mb(idx.built)}`, target: 'report MB held', verdict: 'info',
  });
  // Churn must not ratchet: a structure that only grows is higher after every round; a bounded one levels off or
  // drops back. Removing every post must give the memory back.
  const r = idx.rounds;
  const ratchets = r.every((x, i) => i === 0 || x > r[i - 1] + 0.01 * idx.built);
  const emptyOk = idx.empty < Math.max(2, idx.built * 0.05);
  ctx.rows.push({
    what: 'memory: no cache that only grows', input: `the same index while every post's list values change ${r.length} times over, then every post removed`,
    ours: `${r.map(mb).join(' → ')}; all removed: ${mb(idx.empty)}`, beside: `after the build ${mb(idx.built)}`,
    result: r.length < 5 ? `${r.length} rounds are too few to judge (--quick); ${mb(idx.empty)} left when empty`
      : `${ratchets ? 'grows every round' : 'bounded under churn'}; ${mb(idx.empty)} left when empty`,
    target: 'no growth under churn, ≈ 0 when empty',
    verdict: r.length < 5 ? 'info' : verdict(!ratchets && emptyOk),
  });
  const post = child<{ textMB: number; textHeapMB: number; parsed: number; linted: number; diagnostics: number; blocks: number }>(ctx, 'post');
  ctx.rows.push({
    what: 'memory: 10 MiB post', input: `parsed model (${post.blocks.toLocaleString('en-US')} blocks) and its ${post.diagnostics.toLocaleString('en-US')} diagnostics`,
    ours: `post model ${mb(post.parsed)}; + diagnostics ${mb(post.linted)}`, beside: `the text itself ${mb(post.textHeapMB)} on the heap (${mb(post.textMB)} UTF-8)`,
    result: `${(post.linted / post.textHeapMB).toFixed(2)}× the text`, target: 'report MB held', verdict: 'info',
  });
  note(ctx, 'memory', 'Heap figures are `process.memoryUsage().heapUsed` after two forced `gc()` calls, each in a fresh `node --expose-gc`, minus the heap before the work.');
}
