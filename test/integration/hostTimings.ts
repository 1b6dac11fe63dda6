// Figures only a real VS Code gives (diagnostics after opening a post, keystroke to preview): recorded here for `npm run bench`.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { getExtension } from './helpers';

/** The repo the extension under test was loaded from (its development path): artifacts/ and ../shared live beside it. */
export function repoPath(): string { return getExtension().extensionUri.fsPath; }

/** The folder of real corpus posts (../shared/corpus/posts, or $BILINGUAL_SHARED/corpus/posts as the unit tests use). */
export function corpusDir(): string {
  const shared = process.env.BILINGUAL_SHARED ? path.resolve(process.env.BILINGUAL_SHARED) : path.resolve(repoPath(), '..', 'shared');
  return path.join(shared, 'corpus', 'posts');
}

/**
 * Merges `samples` (ms) under `what` into artifacts/host-timings.json, the file bench/cases/host.ts reports. Other
 * entries are kept: each test that measures writes its own, and a run that measures nothing leaves the file alone.
 */
export function recordHostTiming(what: string, samples: number[], input: string): void {
  const file = path.join(repoPath(), 'artifacts', 'host-timings.json');
  let timings: Record<string, unknown> = {};
  try { timings = (JSON.parse(fs.readFileSync(file, 'utf8')) as { timings?: Record<string, unknown> }).timings ?? {}; } catch { /* first entry */ }
  timings[what] = { samples, input };
  const host = vscode.env.remoteName ? `server (${vscode.env.appName})` : vscode.env.appName;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), host, vscode: vscode.version, timings }, null, 2) + '\n');
}
