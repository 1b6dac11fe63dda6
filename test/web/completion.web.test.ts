// Front-matter completion in VS Code for the Web: entity names from the other posts of the workspace, which the
// extension indexes through vscode.workspace.fs (findFiles + readFile on test-web's file system). The cases are
// test/integration/shared/completion.ts; only putting the fixture config back differs (the Node host reads it with fs).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, waitFor } from '../integration/helpers';
import { entityCompletionTests, entityIndexReady, type Info } from '../integration/shared/completion';
import fixtureConfig from '../fixtures/workspace/.bilingual-posts.json';

/** The fixture's entity lists in place (as ensureFixtureConfig in test/integration/entityHelpers.ts) and loaded. */
async function ensureFixtureConfig(): Promise<void> {
  const uri = fixtureUri('.bilingual-posts.json');
  let have: unknown;
  try { have = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))); } catch { /* removed or broken */ }
  if (JSON.stringify(have) !== JSON.stringify(fixtureConfig)) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(fixtureConfig, null, 2) + '\n'));
  await waitFor(async () => {
    const r = await vscode.commands.executeCommand<{ entity?: { name: string } | null }>('bilingual.entityIndexInfo', { key: 'companies_orgs', value: '英伟达', wait: false });
    return r.entity?.name === 'Nvidia';
  }, { message: 'the fixture entity lists are loaded', timeout: 20000 });
}

describe('web: front-matter completion', () => {
  before(() => entityIndexReady(ensureFixtureConfig));
  afterEach(closeAllEditors);

  it('the workspace index holds every post of the workspace', async () => {
    const posts = await vscode.workspace.findFiles('**/*.md');
    assert.ok(posts.length >= 13, `${posts.length} posts found`);
    const info = await vscode.commands.executeCommand<Info>('bilingual.entityIndexInfo');
    assert.strictEqual(info.stats.files, posts.length, JSON.stringify(info.stats));
  });

  entityCompletionTests();
});
