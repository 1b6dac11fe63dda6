// Prints the result table and writes BENCHMARKS.md (the table, the machine, and the notes per case).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Ctx, Row } from './context';

const MARK: Record<Row['verdict'], string> = { met: '✅ met', missed: '❌ missed', info: '—', pending: '⏳ pending', error: '⚠️ error' };

function cell(s: string): string { return s.replace(/\|/g, '\\|').replace(/\n/g, ' '); }

export function markdownTable(rows: readonly Row[]): string {
  const out = ['| what | input | ours | beside (same run) | result | target | |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) out.push(`| ${[r.what, r.input, r.ours, r.beside, r.result, r.target, MARK[r.verdict]].map(cell).join(' | ')} |`);
  return out.join('\n');
}

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map(l => l.toFixed(2)).join(' ');
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} core${cpus.length === 1 ? '' : 's'}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; load average at the end ${load}`;
}

/** A plain-text rendering for the terminal: one block per row, since the table is wide. */
export function printRows(rows: readonly Row[]): void {
  console.log('\n' + '='.repeat(100));
  let last = '';
  for (const r of rows) {
    if (r.what !== last) { console.log(`\n${r.what}`); last = r.what; }
    console.log(`  ${MARK[r.verdict].padEnd(10)} ${r.input}\n      ours: ${r.ours}\n      beside: ${r.beside}\n      result: ${r.result}   target: ${r.target}`);
  }
  console.log('\n' + markdownTable(rows));
}

export function printNotes(notes: ReadonlyMap<string, string[]>): void {
  for (const [section, list] of notes) for (const n of list) console.log(`[${section}] ${n}`);
}

/** The "Misses" section: every missed target of this run with its figure, and the standing explanation for it. */
function missesText(rows: readonly Row[], why: readonly { what: string; text: string }[]): string {
  const missed = rows.filter(r => r.verdict === 'missed' || r.verdict === 'error' || r.verdict === 'pending');
  if (!missed.length) return 'Every target was met in this run.';
  const out: string[] = [];
  const explained = new Set<string>();
  for (const r of missed) {
    const label = r.verdict === 'pending' ? 'not measured yet' : r.verdict === 'error' ? 'failed to run' : 'missed';
    out.push(`- **${r.what}** (${r.input}): ${label}: ${r.result === '—' ? r.ours : r.result}; target ${r.target}.`);
  }
  for (const w of why) {
    if (explained.has(w.what) || !missed.some(r => r.what.startsWith(w.what))) continue;
    explained.add(w.what);
    out.push('', `**${w.what}.** ${w.text}`);
  }
  return out.join('\n');
}

export function writeMarkdown(ctx: Ctx, file: string, prose: { intro: string; sections: { id: string; title: string; text: string }[]; why: readonly { what: string; text: string }[] }, elapsedS: number): void {
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const flags = [ctx.opts.quick ? '--quick' : '', ctx.opts.full ? '--full' : '', ctx.opts.only.length ? `--only ${ctx.opts.only.join(',')}` : ''].filter(Boolean).join(' ');
  const parts = [
    '# Benchmarks',
    '',
    `<!-- Written by \`npm run bench\` (scripts/bench.mjs, bench/); edit the prose in bench/prose.ts, not here. -->`,
    '',
    prose.intro,
    '',
    `**Run:** ${date}, \`npm run bench${flags ? ' -- ' + flags : ''}\`, ${elapsedS.toFixed(0)} s in all; load average at the start ${ctx.loadAtStart}.  `,
    `**Machine:** ${machine()}.`,
    '',
    markdownTable(ctx.rows),
    '',
  ];
  for (const s of prose.sections) {
    if (s.id === 'misses') s.text = missesText(ctx.rows, prose.why);
    const notes = ctx.notes.get(s.id) ?? [];
    if (!s.text && !notes.length) continue;
    parts.push(`## ${s.title}`, '');
    if (s.text) parts.push(s.text, '');
    if (notes.length) { parts.push('Measured in this run:', ''); for (const n of notes) parts.push(`- ${n}`); parts.push(''); }
  }
  fs.writeFileSync(file, parts.join('\n'));
  console.log(`\nwrote ${path.basename(file)}`);
}
