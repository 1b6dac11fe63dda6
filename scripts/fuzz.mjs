// The long fuzz campaign: runs test/unit/fuzz.test.ts with many cases over several seeds, bounded in time.
// npm run fuzz [-- --runs 20000 --seeds 1,2,3,4,5 --minutes 30 --no-compile]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const runs = Number(opt('runs', process.env.FUZZ_RUNS ?? 20000));
const seeds = String(opt('seeds', process.env.FUZZ_SEEDS ?? '1,2,3,4,5')).split(',').map(s => Number(s.trim())).filter(Number.isFinite);
const minutes = Number(opt('minutes', 30));
const PROPERTIES = 5;
// Each property of each seed gets an equal share of the time; fast-check stops a property at its share.
const perProperty = Math.max(5000, Math.floor((minutes * 60000) / (seeds.length * PROPERTIES)));

function run(cmd, argv, env = {}) {
  return new Promise(resolve => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', d => { out += d; process.stdout.write(d); });
    child.stderr.on('data', d => { out += d; process.stderr.write(d); });
    child.on('close', code => resolve({ code: code ?? 1, out }));
  });
}

if (!args.includes('--no-compile')) {
  console.log('=== compiling the tests (tsc -p tsconfig.test.json)');
  const c = await run('npx', ['tsc', '-p', 'tsconfig.test.json']);
  if (c.code !== 0) { console.error('tsc failed'); process.exit(2); }
}
if (!existsSync('out/test/unit/fuzz.test.js')) { console.error('out/test/unit/fuzz.test.js is missing: compile the tests first'); process.exit(2); }

console.log(`=== fuzz campaign: ${runs} cases per property, seeds ${seeds.join(', ')}, at most ${Math.round(perProperty / 1000)} s per property (${minutes} min in all)`);
const started = Date.now();
const summary = [];
let failed = 0, total = 0;
for (const seed of seeds) {
  const r = await run('npx', ['mocha', 'out/test/unit/fuzz.test.js', '--no-config', '--timeout', '0', '--reporter', 'dot'],
    { FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_TIME: String(perProperty) });
  const counts = /fuzz: (\d+) cases checked \(([^)]*)\)/.exec(r.out);
  const failing = /(\d+) failing/.exec(r.out);
  total += counts ? Number(counts[1]) : 0;
  if (r.code !== 0) failed++;
  summary.push(`seed ${seed}: ${counts ? `${counts[1]} cases (${counts[2]})` : 'no count'}${r.code !== 0 ? ` — ${failing ? failing[1] : 'some'} failing` : ''}`);
}
console.log(`\n=== fuzz campaign done in ${Math.round((Date.now() - started) / 1000)} s: ${total} cases, ${failed ? `${failed} seed(s) with failures` : 'no failure'}`);
for (const line of summary) console.log(`  ${line}`);
process.exit(failed ? 1 : 0);
