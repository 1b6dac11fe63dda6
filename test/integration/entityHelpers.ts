// Shared by the completion and entity suites: the fixture's entity lists in place and loaded.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { fixtureUri, waitFor } from './helpers';

/**
 * Puts the fixture's .bilingual-posts.json back if an earlier suite changed or removed it (these tests count on
 * its entity lists), and waits until the extension has loaded it.
 */
export async function ensureFixtureConfig(): Promise<void> {
  const want = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', '.bilingual-posts.json'), 'utf8');
  const uri = fixtureUri('.bilingual-posts.json');
  let have: string | undefined;
  try { have = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)); } catch { /* removed */ }
  if (have !== want) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(want));
  await waitFor(async () => {
    const r = await vscode.commands.executeCommand<{ entity?: { name: string } | null }>('bilingual.entityIndexInfo', { key: 'companies_orgs', value: '英伟达', wait: false });
    return r.entity?.name === 'Nvidia';
  }, { message: 'the fixture entity lists are loaded', timeout: 20000 });
}
