// The benchmark entry (bundled and run by scripts/bench.mjs): runs every case, prints the table, rewrites BENCHMARKS.md.
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { cliCase } from './cases/cli';
import { completionCase, indexCase } from './cases/index';
import { hostCase } from './cases/host';
import { lintCase } from './cases/lint';
import { memoryCase, runChild } from './cases/memory';
import { renderCase } from './cases/render';
import { startCase } from './cases/start';
import type { Ctx, Options } from './context';
import { loadCorpus, paths } from './inputs';
import { INTRO, SECTIONS, WHY } from './prose';
import { printNotes, printRows, writeMarkdown } from './report';
import { sunkValue } from './stats';

const CASES: { id: string; title: string; run: (ctx: Ctx) => Promise<void> }[] = [
  { id: 'lint', title: 'lint one post', run: lintCase },
  { id: 'cli', title: 'lint a blog from the CLI', run: cliCase },
  { id: 'index', title: 'workspace entity index', run: indexCase },
  { id: 'completion', title: 'front-matter completion', run: completionCase },
  { id: 'render', title: 'preview render', run: renderCase },
  { id: 'start', title: 'extension start', run: startCase },
  { id: 'memory', title: 'memory', run: memoryCase },
  { id: 'host', title: 'real VS Code (integration suite)', run: hostCase },
];

function parseArgs(argv: string[]): Options & { write: boolean; child?: string; childArgs: string[] } {
  const o = { quick: false, full: false, only: [] as string[], write: true, child: undefined as string | undefined, childArgs: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--full') o.full = true;
    else if (a === '--only') o.only.push(...(argv[++i] ?? '').split(',').filter(Boolean));
    else if (a.startsWith('--only=')) o.only.push(...a.slice(7).split(',').filter(Boolean));
    else if (a === '--no-write') o.write = false;
    else if (a === '--child') { o.child = argv[++i]; o.childArgs = argv.slice(i + 1); break; }
    else if (a === '--help' || a === '-h') {
      console.log('npm run bench [-- --quick] [--full] [--only lint,cli,index,completion,render,start,memory,host] [--no-write]');
      process.exit(0);
    } else { console.error(`bench: unknown option ${a}`); process.exit(2); }
  }
  // A partial run must not replace the full table.
  if (o.only.length) o.write = false;
  return o;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, '..', '..');
  if (args.child) { await runChild(root, args.child, args.childArgs); return; }
  const t0 = performance.now();
  const p = paths(root);
  const ctx: Ctx = {
    opts: args, paths: p, corpus: loadCorpus(p.corpus), rows: [], notes: new Map(),
    log: msg => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`),
    q: (full, quick) => (args.quick ? quick : full),
    loadAtStart: os.loadavg().map(l => l.toFixed(2)).join(' '),
  };
  ctx.log(`corpus: ${ctx.corpus.length} posts from ${path.relative(root, p.corpus)}${args.quick ? ' (--quick)' : ''}`);
  for (const c of CASES) {
    if (args.only.length && !args.only.some(o => c.id.includes(o))) continue;
    const t = performance.now();
    ctx.log(`== ${c.title}`);
    try {
      await c.run(ctx);
    } catch (e) {
      const err = e as Error;
      console.error(err.stack ?? String(err));
      ctx.rows.push({ what: c.title, input: '—', ours: '—', beside: '—', result: `error: ${err.message.split('\n')[0]}`, target: '—', verdict: 'error' });
    }
    ctx.log(`   ${c.title}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  printNotes(ctx.notes);
  printRows(ctx.rows);
  const elapsed = (performance.now() - t0) / 1000;
  if (args.write) writeMarkdown(ctx, path.join(root, 'BENCHMARKS.md'), { intro: INTRO, sections: SECTIONS, why: WHY }, elapsed);
  else console.log('\n(BENCHMARKS.md left as it was: partial run or --no-write)');
  if (sunkValue() === 0.5) console.log(''); // keeps the timed results alive
}

main().catch(e => { console.error(e); process.exit(1); });
