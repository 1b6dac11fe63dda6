// The figures only a real VS Code can give (diagnostics after opening the largest post, keystroke to preview update):
// the integration suite measures them and leaves them in artifacts/host-timings.json; this reports the latest.
import * as fs from 'fs';
import * as path from 'path';
import { note, type Ctx } from '../context';
import { ms, spread, summarize } from '../stats';

/**
 * Accepted shape (written by the integration suite; every field but `timings` optional):
 *   { "when": "2026-…Z", "host": "server", "vscode": "1.9x.y",
 *     "timings": { "<what>": number | number[] | { "samples": number[], "input"?: string } } }
 */
interface HostTimings { when?: string; host?: string; vscode?: string; timings?: Record<string, number | number[] | { samples?: number[]; ms?: number; input?: string }> }

export const HOST_TIMINGS = path.join('artifacts', 'host-timings.json');
export const HOST_EXPECTED = ['diagnostics after opening the largest post', 'keystroke to preview update'];

export async function hostCase(ctx: Ctx): Promise<void> {
  const file = path.join(ctx.paths.root, HOST_TIMINGS);
  let data: HostTimings | undefined;
  try { data = JSON.parse(fs.readFileSync(file, 'utf8')) as HostTimings; } catch { data = undefined; }
  const timings = data?.timings ?? {};
  const names = new Set([...HOST_EXPECTED, ...Object.keys(timings)]);
  const from = data ? `integration suite${data.host ? ` (${data.host} host` : ''}${data.vscode ? `, VS Code ${data.vscode}` : ''}${data.host ? ')' : ''}${data.when ? `, ${data.when.slice(0, 16).replace('T', ' ')}` : ''}` : '';
  for (const name of names) {
    const t = timings[name];
    if (t === undefined) {
      ctx.rows.push({ what: `real VS Code: ${name}`, input: 'the integration suite (npm run test:integration)', ours: `not reported yet (no ${HOST_TIMINGS} entry)`, beside: '—', result: '—', target: 'measured', verdict: 'pending' });
      continue;
    }
    const samples = typeof t === 'number' ? [t] : Array.isArray(t) ? t : t.samples ?? (t.ms !== undefined ? [t.ms] : []);
    const input = !Array.isArray(t) && typeof t === 'object' && t.input ? t.input : from;
    const s = summarize(samples);
    ctx.rows.push({ what: `real VS Code: ${name}`, input, ours: samples.length > 1 ? spread(s) : ms(s.median), beside: '—', result: ms(s.median), target: 'measured', verdict: 'info' });
  }
  if (data) note(ctx, 'host', `Read from ${HOST_TIMINGS}, left by the integration suite run of ${data.when ?? 'unknown date'} (not re-measured by npm run bench).`);
}
