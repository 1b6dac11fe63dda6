// The in-host mocha runner. VS Code loads this file inside the extension host (extensionTestsPath) and
// awaits run(); a rejection makes the host exit non-zero. It runs every out/test/integration/**/*.test.js.
//
// env (set by test/host/launch.js; the extension host inherits it):
//   BILINGUAL_TEST_LOG   file to write the reporter output to (the workbench console is too noisy to read)
//   BILINGUAL_TEST_GREP  mocha grep: only run tests whose full title matches this pattern
//   BILINGUAL_TEST_TIMEOUT_MS  per-test timeout (default 30000)
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

/** The closing line the launcher parses; keep the format in sync with parseInHostSummary in test/host/common.js. */
export const SUMMARY_PREFIX = 'extension-host:';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function run(): Promise<void> {
  const logFile = process.env.BILINGUAL_TEST_LOG;
  if (logFile) fs.writeFileSync(logFile, '');
  // console.log is not reassignable in the extension host; mocha's reporters print through Base.consoleLog.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const hostLog = base.consoleLog;
  const log = (...args: unknown[]): void => {
    if (logFile) fs.appendFileSync(logFile, util.format(...args) + '\n');
    hostLog(...args);
  };
  base.consoleLog = log;

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.BILINGUAL_TEST_TIMEOUT_MS) || 30000,
    slow: 5000,
  });
  const grep = process.env.BILINGUAL_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = findTests(__dirname);
  for (const f of files) mocha.addFile(f);
  log(`[in-host] vscode ${vscodeVersion()}, node ${process.version}, ${files.length} test file(s)${grep ? `, grep /${grep}/` : ''}`);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, pending: 0, tests: 0 };
        log(`${SUMMARY_PREFIX} ${s.passes} passed, ${failures} failed, ${s.pending} skipped`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        // With a grep, the match may be among the launcher's UI checks only; the launcher fails if nothing ran at all.
        else if (s.passes === 0 && !grep) reject(new Error('no tests ran'));
        else resolve();
      });
    } catch (err) {
      // e.g. a test file that throws while loading
      log(`[in-host] mocha could not run: ${err instanceof Error ? err.stack : String(err)}`);
      log(`${SUMMARY_PREFIX} 0 passed, 1 failed, 0 skipped`);
      reject(err);
    }
  });
}

function vscodeVersion(): string {
  try {
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return '?';
  }
}
