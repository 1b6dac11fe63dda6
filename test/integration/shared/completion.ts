// Front-matter completion cases run by both in-editor suites (completion.test.ts in the Node host, test/web in the web
// worker), with the helpers the hover tests use too. The posts are read through vscode.workspace.fs in both hosts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { entryData, parseFrontMatter } from '../../../src/core';
import { activateExtension, openPost, positionOf, waitFor } from '../helpers';

export type Info = { stats: { files: number; building: boolean } };

/**
 * The suites' before hook: the fixture's entity lists in place and the entity index built. `ensureFixtureConfig`
 * differs by host: the pristine .bilingual-posts.json comes from the repository (Node fs) or from the web bundle.
 */
export async function entityIndexReady(ensureFixtureConfig: () => Promise<void>): Promise<void> {
  await activateExtension();
  await ensureFixtureConfig();
  await waitFor(async () => !(await vscode.commands.executeCommand<Info>('bilingual.entityIndexInfo')).stats.building, { message: 'the entity index is built', timeout: 20000 });
}

/** The workspace posts (through vscode.workspace.fs) whose `key` list holds `value`: the count completion should show. */
export async function postsListing(key: string, value: string): Promise<number> {
  let n = 0;
  for (const uri of await vscode.workspace.findFiles('**/*.md')) {
    const fm = parseFrontMatter(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    const e = fm?.entries.find(x => x.key === key);
    const v = e && entryData(e);
    if (Array.isArray(v) ? v.includes(value) : v === value) n++;
  }
  return n;
}

export async function complete(uri: vscode.Uri, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger);
}
export const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const descriptionOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? undefined : i.label.description);
export const docOf = (i: vscode.CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : i.documentation?.value ?? '');

/** Inserts `text` at the end of the line holding `after` (a new line below it); returns the position after the text. */
export async function typeLineAfter(editor: vscode.TextEditor, after: string, text: string): Promise<vscode.Position> {
  const at = positionOf(editor.document, after);
  const end = editor.document.lineAt(at.line).range.end;
  assert.ok(await editor.edit(b => b.insert(end, '\n' + text)));
  const pos = new vscode.Position(at.line + 1, text.length);
  editor.selection = new vscode.Selection(pos, pos);
  return pos;
}

/** Entity-name completion from the other posts: counts, order, the alias 英伟达, no duplicates; call inside a describe. */
export function entityCompletionTests(): void {
  it('after "- " in companies_orgs: other posts\' companies, most used first, with the count and an example post', async () => {
    const editor = await openPost('003-michael-burry.md');
    const pos = await typeLineAfter(editor, '- Futu', '- ');
    const list = await complete(editor.document.uri, pos, ' ');
    const labels = list.items.map(labelOf);
    for (const want of ['AMD', 'Oracle', 'Intel', 'Palantir']) assert.ok(labels.includes(want), `${want} in ${labels.join(', ')}`);
    for (const have of ['Nvidia', 'OpenAI', 'CoreWeave', 'Futu']) assert.ok(!labels.includes(have), `${have} is in the list already`);
    const amd = list.items.find(i => labelOf(i) === 'AMD')!;
    const n = await postsListing('companies_orgs', 'AMD');
    assert.ok(n >= 2);
    assert.strictEqual(descriptionOf(amd), `${n} posts`);
    assert.match(docOf(amd), /Used in \d+ posts, e\.g\. \*[^*]+\* \([^)]+\.md\)/);
    assert.ok(amd.range && 'inserting' in amd.range && amd.range.inserting.start.isEqual(pos), 'inserts at the cursor');
    // Accepting it writes a list item YAML reads back.
    assert.ok(await editor.edit(b => b.insert(pos, 'AMD')));
    const fm = parseFrontMatter(editor.document.getText())!;
    assert.ok((entryData(fm.entries.find(e => e.key === 'companies_orgs')!) as string[]).includes('AMD'));
  });

  it('typing 英伟 offers Nvidia through its alias 英伟达, filtering on the alias', async () => {
    const editor = await openPost('001-silicon-valley-101.md');
    const pos = await typeLineAfter(editor, '- openai', '- 英伟');
    const list = await complete(editor.document.uri, pos);
    const nv = list.items.find(i => labelOf(i) === 'Nvidia');
    assert.ok(nv, list.items.map(labelOf).join(', '));
    assert.ok(nv.filterText!.split(' ').includes('英伟达'), nv.filterText);
    assert.match(descriptionOf(nv)!, /英伟达 · NVIDIA$/);
    const r = nv.range as { inserting: vscode.Range };
    assert.strictEqual(editor.document.getText(r.inserting), '英伟', 'VS Code matches 英伟 against the filter text');
    assert.ok(!list.items.some(i => labelOf(i) === 'Oracle'), 'unrelated names are not offered');
  });

  it('does not offer a value the list already has, in any spelling (NVIDIA, OpenAI in 002)', async () => {
    const editor = await openPost('002-chinese-only.md');
    const pos = await typeLineAfter(editor, '- General Electric', '-');
    const labels = (await complete(editor.document.uri, pos, '-')).items.map(labelOf);
    assert.ok(labels.includes('CoreWeave'), labels.join(', '));
    assert.ok(!labels.includes('Nvidia') && !labels.includes('OpenAI') && !labels.includes('Microsoft'));
  });
}
