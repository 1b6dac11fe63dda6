// The command-line linter for a blog's CI: `bilingual-posts lint PATH...` on the same core as the editor.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import * as l10n from '@vscode/l10n';
import { CODES, defaultConfig, EntityIndex, lintPost, parseConfig, parsePost, translationPlan, useL10nBundle, type Config, type Diagnostic } from '../core';
import zhCN from '../../l10n/bundle.l10n.zh-cn.json';
import { collectPosts, findConfig, PostReader } from './files';
import { RENDER_USAGE } from './renderUsage';

const USAGE = `Usage:
  bilingual-posts lint [--format text|json] [--config FILE] PATH...
      Lint posts (files, or folders searched for *.md). Exit 0: no errors; 1: errors; 2: usage or I/O errors.
${RENDER_USAGE}
  bilingual-posts --help | --version
Options for every command: --lang en|zh-cn (default: from LC_ALL, LC_MESSAGES or LANG; zh* is Chinese).

Diagnostic codes: ${CODES.join(', ')}.
The config file is .bilingual-posts.json at the blog root (found upward from the first PATH).`;

interface Io { out: (s: string) => void; err: (s: string) => void }

export function main(argv: string[], io: Io = { out: s => process.stdout.write(s), err: s => process.stderr.write(s) }, env: Record<string, string | undefined> = process.env): number {
  const lang = languageOf(argv, env);
  if (lang.error) { io.err(`bilingual-posts: ${lang.error}\n`); return 2; }
  useL10nBundle(lang.lang === 'zh-cn' ? zhCN : undefined);
  const [cmd, ...rest] = lang.argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { io.out(USAGE + '\n'); return cmd ? 0 : 2; }
  if (cmd === '--version' || cmd === '-v') { io.out(VERSION + '\n'); return 0; }
  if (cmd === 'lint') return lint(rest, io);
  // Required here, not imported: esbuild keeps a required module's top level lazy, so markdown-it, the sanitizer
  // and crypto are set up only for `render`, never on the start-up of `lint`.
  if (cmd === 'render') return (require('./render') as typeof import('./render')).renderCommand(rest, io);
  io.err(`bilingual-posts: unknown command "${cmd}"\n\n${USAGE}\n`);
  return 2;
}

/** Takes `--lang X` / `--lang=X` out of argv; without it the locale environment decides (zh* is Chinese). */
export function languageOf(argv: string[], env: Record<string, string | undefined>): { lang: 'en' | 'zh-cn'; argv: string[]; error?: string } {
  const rest: string[] = [];
  let asked: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest.push(...argv.slice(i)); break; }
    if (a === '--lang') { asked = argv[++i] ?? ''; continue; }
    if (a.startsWith('--lang=')) { asked = a.slice(7); continue; }
    rest.push(a);
  }
  const locale = asked ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG || '');
  const norm = locale.toLowerCase().replace(/_/g, '-').replace(/[.@].*$/, '');
  if (/^zh(-|$)/.test(norm)) return { lang: 'zh-cn', argv: rest };
  if (asked !== undefined && !/^en(-|$)/.test(norm)) return { lang: 'en', argv: rest, error: `--lang is en or zh-cn, not "${asked}"` };
  return { lang: 'en', argv: rest };
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

function lint(args: string[], io: Io): number {
  let format = 'text';
  let configPath: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { paths.push(...args.slice(i + 1)); break; }
    if (a === '--format' || a === '-f') { format = args[++i] ?? ''; continue; }
    if (a.startsWith('--format=')) { format = a.slice(9); continue; }
    if (a === '--config' || a === '-c') { configPath = args[++i]; if (!configPath) { io.err('bilingual-posts: --config needs a file\n'); return 2; } continue; }
    if (a.startsWith('--config=')) { configPath = a.slice(9); continue; }
    if (a.startsWith('-') && a.length > 1 && !fs.existsSync(a)) { io.err(`bilingual-posts: unknown option "${a}"\n\n${USAGE}\n`); return 2; }
    paths.push(a);
  }
  if (format !== 'text' && format !== 'json') { io.err(`bilingual-posts: --format is text or json, not "${format}"\n`); return 2; }
  if (!paths.length) { io.err(`bilingual-posts: no PATH given\n\n${USAGE}\n`); return 2; }

  let config: Config = defaultConfig();
  let ioErrors = 0;
  const cfgFile = configPath ?? findConfig(paths[0]) ?? findConfig(process.cwd());
  if (cfgFile) {
    let json: string | undefined;
    try { json = fs.readFileSync(cfgFile, 'utf8'); } catch (e) { io.err(`bilingual-posts: cannot read config ${cfgFile}: ${(e as Error).message}\n`); return 2; }
    const parsed = parseConfig(json);
    config = parsed.config;
    for (const p of parsed.problems) { io.err(`${cfgFile}: ${p.path ? p.path + ': ' : ''}${p.message}\n`); }
    if (parsed.problems.some(p => p.path === '')) return 2;
  }
  const root = cfgFile ? path.dirname(cfgFile) : process.cwd();
  const walk = collectPosts(paths, config, root);
  for (const p of walk.problems) { io.err(`${p.path}: error: ${p.message}\n`); ioErrors++; }

  // Pass 1: the front matter of every post, for the entity index entity-variant reads across the blog. Nothing
  // else is kept: holding 10,000 parsed posts for pass 2 took over a gigabyte and most of the time went to GC.
  const index = new EntityIndex(config);
  const reader = new PostReader();
  const readable: string[] = [];
  for (const file of walk.files) {
    const r = reader.head(file);
    if ('error' in r) { io.err(`${file}: error: ${r.error}\n`); ioErrors++; continue; }
    index.updateText(file, r.text);
    readable.push(file);
  }
  // Pass 2: each post read whole, parsed, linted, reported and dropped.
  const out = new Batched(io.out);
  let first = true;
  if (format === 'json') out.write('[');
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let checked = 0, units = 0, translated = 0, bilingual = 0, chineseOnly = 0;
  for (const file of readable) {
    const r = reader.text(file);
    if ('error' in r) { io.err(`${file}: error: ${r.error}\n`); ioErrors++; continue; } // changed since pass 1
    checked++;
    const post = parsePost(r.text);
    const diags: Diagnostic[] = lintPost(post, { config, entities: index, file });
    const plan = translationPlan(post, config.translationMode);
    if (plan.mode === 'chinese-only') chineseOnly++;
    else if (plan.mode === 'paragraph' || plan.mode === 'section') { bilingual++; units += plan.total; translated += plan.translated; }
    for (const d of diags) {
      counts[d.severity]++;
      const rec = { file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, severity: d.severity, code: d.code, message: d.message };
      // Each record as JSON.stringify(all, null, 2) would lay it out: strings hold no raw newline, so indenting
      // every line of the record by two spaces is exact.
      if (format === 'json') { out.write(`${first ? '' : ','}\n  ${JSON.stringify(rec, null, 2).replace(/\n/g, '\n  ')}`); first = false; }
      else out.write(`${file}:${rec.line}:${rec.column}: ${d.severity} ${d.code} ${d.message}\n`);
    }
  }
  if (format === 'json') out.write(first ? ']\n' : '\n]\n');
  out.flush();
  if (format !== 'json') {
    const pct = units ? ` (${(100 * translated / units).toFixed(1)}%)` : '';
    const posts = checked === 1 ? l10n.t('1 post checked') : l10n.t`${checked} posts checked`;
    const errors = counts.error === 1 ? l10n.t('1 error') : l10n.t`${counts.error} errors`;
    const warnings = counts.warning === 1 ? l10n.t('1 warning') : l10n.t`${counts.warning} warnings`;
    const more = `${counts.info ? l10n.t`, ${counts.info} info` : ''}${ioErrors ? l10n.t`, ${ioErrors} unreadable` : ''}`;
    const coverage = bilingual === 1
      ? l10n.t`Translation coverage: ${translated}/${units} units translated${pct} in 1 bilingual post; ${chineseOnly} Chinese-only.`
      : l10n.t`Translation coverage: ${translated}/${units} units translated${pct} in ${bilingual} bilingual posts; ${chineseOnly} Chinese-only.`;
    io.out(`\n${l10n.t`${posts}: ${errors}, ${warnings}${more}.`}\n${coverage}\n`);
  }
  if (ioErrors) return 2;
  return counts.error ? 1 : 0;
}

/** Output in 64 KB writes: a write per diagnostic is a system call each, 100,000 of them on a large blog. */
class Batched {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly sink: (s: string) => void) {}
  write(s: string): void {
    this.parts.push(s);
    if ((this.size += s.length) >= 65536) this.flush();
  }
  flush(): void {
    if (this.parts.length) this.sink(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

if (require.main === module) {
  // A lint run is short and its hot code is the parser: at V8's default budget TurboFan compiles (and throws away)
  // much of it before it pays, a third of the CPU time on 60 posts. Four times the budget still optimises what a
  // 10,000-post run spends its time in. Only the command sets it: the tests and the editor keep V8's defaults.
  v8.setFlagsFromString('--interrupt-budget=270336');
  const code = main(process.argv.slice(2));
  process.exitCode = code;
}
