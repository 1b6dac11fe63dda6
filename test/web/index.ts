// The in-worker runner of the web suite (see test/web/README.md). test/web/build.mjs bundles this file with mocha's
// browser build and the test files below into one script; @vscode/test-web loads it in VS Code for the Web's
// web-worker extension host as `extensionTestsPath` and awaits run(). The reporter writes with console.log, which the
// workbench hands to the launcher's page (window.codeAutomationLog), each line tagged (setup.ts).
import { print } from './setup';
import * as vscode from 'vscode';
// Whole Node-host suites that use only the vscode API: the very same tests run here.
import '../integration/smoke.test';
import '../integration/quickfixes.test';
import '../integration/navigation.test';
import '../integration/folding.test';
import '../integration/snippets.test';
// The core cases of the suites that read fixtures with Node's fs, with the same expectations (see each file).
import './diagnostics.web.test';
import './completion.web.test';
import './commands.web.test';
import './preview.web.test';

/** The closing line the launcher parses (test/web/launch.js). */
export const SUMMARY_PREFIX = 'web-worker:';
/** Written by the launcher into the root of the workspace copy (kept in sync with test/web/launch.js). */
const OPTIONS_FILE = '.web-test.json';

/** The launcher's --grep, which it writes into the workspace copy: a worker has no environment to pass it in. */
async function grepOption(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  try {
    const options = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, OPTIONS_FILE)))) as { grep?: string };
    return options.grep || undefined;
  } catch {
    return undefined; // no file: run everything
  }
}

export async function run(): Promise<void> {
  const grep = await grepOption();
  if (grep) mocha.grep(grep);
  print(`[web-worker] vscode ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, workspace ${vscode.workspace.workspaceFolders?.[0]?.uri.toString()}${grep ? `, grep /${grep}/` : ''}`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, pending: 0 };
        print(`${SUMMARY_PREFIX} ${s.passes} passed, ${failures} failed, ${s.pending} skipped`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        // With a grep the match may be among the launcher's UI checks only; the launcher fails if nothing ran at all.
        else if (s.passes === 0 && !grep) reject(new Error('no tests ran'));
        else resolve();
      });
    } catch (err) {
      print(`[web-worker] mocha could not run: ${err instanceof Error ? err.stack : String(err)}`);
      print(`${SUMMARY_PREFIX} 0 passed, 1 failed, 0 skipped`);
      reject(err);
    }
  });
}
