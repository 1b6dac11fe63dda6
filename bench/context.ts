// What every benchmark case shares: options, paths, the loaded corpus and the result rows.
import type { CorpusPost, Paths } from './inputs';

export type Verdict = 'met' | 'missed' | 'info' | 'pending' | 'error';

export interface Row {
  /** The table row this belongs to. */
  what: string;
  input: string;
  /** Our figure: median (p10–p90, n). */
  ours: string;
  /** The peer or floor, measured in the same run. */
  beside: string;
  /** The result: the ratio (or the figure itself where there is nothing beside). */
  result: string;
  target: string;
  verdict: Verdict;
}

export interface Options {
  /** Fewer rounds and no 10 MB markdownlint run: a short smoke run. */
  quick: boolean;
  /** Also run markdownlint-cli2 on the whole 10,000-post blog (about a quarter hour here). */
  full: boolean;
  /** Only the cases whose id contains one of these. */
  only: string[];
}

export interface Ctx {
  opts: Options;
  paths: Paths;
  corpus: CorpusPost[];
  rows: Row[];
  /** Free-form findings per case, for BENCHMARKS.md. */
  notes: Map<string, string[]>;
  log(msg: string): void;
  /** os.loadavg() when the run began: a busy machine widens every spread. */
  loadAtStart: string;
  /** Scales a round count or time budget down in --quick runs. */
  q<T extends number>(full: T, quick: T): T;
}

export function note(ctx: Ctx, section: string, text: string): void {
  let l = ctx.notes.get(section);
  if (!l) { l = []; ctx.notes.set(section, l); }
  l.push(text);
}

export function verdict(ok: boolean | undefined): Verdict {
  return ok === undefined ? 'info' : ok ? 'met' : 'missed';
}
