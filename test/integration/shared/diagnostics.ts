// Diagnostics cases run by both in-editor suites (diagnostics.test.ts in the Node host, test/web in the web worker):
// exact codes, ranges, severities and messages on the fixture posts, which both hosts read through the editor.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openPost, openText } from '../helpers';
import { codesOf, countCodes, SOURCE, undoOnce, waitForOurs } from '../lintHelpers';

/** 0-based line numbers of the lines matching `re`. */
export function linesMatching(doc: vscode.TextDocument, re: RegExp): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) out.push(i);
  return out;
}

/** Seeds 000, 001, 003, corpus post SC2eSujzrUY and a document becoming a post and back; call inside a describe. */
export function diagnosticsCaseTests(): void {
  it('marks the three summaries of seed 003 closed by </p> as malformed-block errors, from <details> to the summary line end', async () => {
    const { document: doc } = await openPost('003-michael-burry.md');
    const ds = await waitForOurs(doc.uri, d => d.length === 3);
    const summaries = linesMatching(doc, /^<summary>[^<]*<\/p>\s*$/);
    assert.strictEqual(summaries.length, 3);
    assert.deepStrictEqual(codesOf(ds), ['malformed-block', 'malformed-block', 'malformed-block']);
    ds.forEach((d, i) => {
      const line = summaries[i];
      assert.strictEqual(doc.lineAt(line - 1).text, '<details>');
      assert.ok(d.range.isEqual(new vscode.Range(line - 1, 0, line, doc.lineAt(line).text.length)), `range ${JSON.stringify(d.range)} for line ${line}`);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(d.source, SOURCE);
      assert.match(d.message, /closed by `<\/p>`/);
    });
  });

  it('flags the doubled label and (once the index is built) the "Coreweave" spelling in 000', async () => {
    const { document: doc } = await openPost('000-ai-circular-economy.md');
    const ds = await waitForOurs(doc.uri, d => codesOf(d).includes('entity-variant') && codesOf(d).includes('summary-label'));
    assert.deepStrictEqual(countCodes(ds), { 'entity-variant': 1, 'summary-label': 1 });
    const label = ds.find(d => d.code === 'summary-label')!;
    const [line] = linesMatching(doc, /View\/Hide Original Original English/);
    assert.ok(label.range.isEqual(new vscode.Range(line - 1, 0, line, '<summary>View/Hide Original Original English'.length)), JSON.stringify(label.range));
    assert.strictEqual(label.severity, vscode.DiagnosticSeverity.Warning);
    const variant = ds.find(d => d.code === 'entity-variant')!;
    assert.strictEqual(doc.getText(variant.range), 'Coreweave');
    assert.match(variant.message, /CoreWeave/);
  });

  it('leaves the Chinese-only post 001 without missing-translation warnings', async () => {
    const { document: doc } = await openPost('001-silicon-valley-101.md');
    const ds = await waitForOurs(doc.uri, d => d.length > 0);
    assert.deepStrictEqual(codesOf(ds), ['entity-variant']);
    assert.strictEqual(doc.getText(ds[0].range), 'openai');
  });

  it('finds the real mistakes of a corpus post: label, block, orphan, Chinese in English, a missing translation', async () => {
    const { document: doc } = await openPost('SC2eSujzrUY.md');
    const ds = await waitForOurs(doc.uri, d => d.length === 7);
    assert.deepStrictEqual(countCodes(ds), { 'summary-label': 1, 'chinese-in-english': 2, 'malformed-block': 2, 'orphan-translation': 1, 'missing-translation': 1 });
    const missing = ds.find(d => d.code === 'missing-translation')!;
    assert.strictEqual(doc.getText(missing.range), doc.lineAt(missing.range.start.line).text, 'the whole first line of the paragraph');
    assert.match(doc.getText(missing.range), /[\u4e00-\u9fff]/);
  });

  it('lints a Markdown file only once it looks like a post, and clears it when it no longer does', async () => {
    const editor = await openText('Notes\n\n一段中文。\n');
    const doc = editor.document;
    const block = '\n<details>\n<summary>Veiw/Hide Original English</summary>\n<p class="english-text">A paragraph.</p>\n</details>\n';
    await editor.edit(b => b.insert(doc.lineAt(2).range.end, block));
    const ds = await waitForOurs(doc.uri, d => d.length > 0);
    // Now a post: its label typo, and (no front matter at all) the keys the site needs.
    assert.deepStrictEqual(codesOf(ds).sort(), ['frontmatter-required', 'summary-label']);
    await undoOnce(editor);
    await waitForOurs(doc.uri, d => d.length === 0);
  });
}
