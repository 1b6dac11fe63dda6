// Loads mocha's browser build into the web worker (it defines the global `mocha` and describe/it/before...) and sets
// it up before any test file is evaluated: index.ts imports this module first.
import 'mocha/mocha.js';

/** Lines of the run start with this: the launcher prints them and leaves the workbench's own log in its log file. */
export const LINE_TAG = '[web-test] ';

/** printf as Node's console does it, for the reporter's '%s' / '%d' formats. */
function format(...all: unknown[]): string {
  if (all.length === 0) return ''; // the reporter's bare console.log(): an empty line, not "undefined"
  const [fmt, ...args] = all;
  if (typeof fmt !== 'string') return [fmt, ...args].map(String).join(' ');
  let i = 0;
  const s = fmt.replace(/%[sdioj%]/g, (m) => (m === '%%' ? '%' : i < args.length ? String(args[i++]) : m));
  return [s, ...args.slice(i).map(String)].join(' ');
}

/** Writes one tagged line per line of output (console.log reaches the launcher through the workbench's log). */
export function print(...args: unknown[]): void {
  for (const line of format(...args).split('\n')) console.log(LINE_TAG + line);
}

// Every reporter prints through Base.consoleLog.
(Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = print;
mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000, slow: 5000 });
