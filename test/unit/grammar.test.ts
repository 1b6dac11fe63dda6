// The injection grammar's scopes on real post lines, tokenized with VS Code's Markdown grammar (vscode-textmate).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { paragraphLanguage, parsePost } from '../../src/core';
import { corpus, corpusNames, REPO, seed } from './realPosts';
import { lineHas, scopesAt, tokenize, type TokenizedLine } from './tmTokens';

const ENGLISH = 'string.unquoted.english-text.bilingual';
const BLOCK = 'meta.block.english.bilingual';

function lineIndex(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`"${needle}" not found`);
}

describe('grammar: package contribution', () => {
  it('is injected into Markdown and its file parses', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const g = (pkg.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[]).find(x => x.scopeName === 'text.html.markdown.bilingual');
    assert.ok(g, 'contributes.grammars has the injection');
    assert.deepStrictEqual(g.injectTo, ['text.html.markdown']);
    const grammar = JSON.parse(fs.readFileSync(path.join(REPO, g.path), 'utf8'));
    assert.strictEqual(grammar.scopeName, 'text.html.markdown.bilingual');
  });
});

describe('grammar: style-A blocks (seed 0)', () => {
  const text = seed(0);
  let lines: TokenizedLine[];
  before(async () => { lines = await tokenize(text); });

  it('scopes the block, the summary tag and label, and the English text', () => {
    const d = lineIndex(text, '<details>');
    assert.ok(scopesAt(lines[d], 'details').includes('entity.name.tag.details.bilingual'));
    assert.ok(scopesAt(lines[d], '<').includes(BLOCK));
    const label = scopesAt(lines[d + 1], 'View/Hide Original English');
    assert.ok(label.includes('comment.line.summary-label.bilingual') && label.includes('meta.summary.bilingual'), label.join(' '));
    assert.ok(scopesAt(lines[d + 1], 'summary').includes('entity.name.tag.summary.bilingual'));
    const en = scopesAt(lines[d + 2], 'We are witnessing');
    assert.ok(en.includes(ENGLISH) && en.includes('meta.paragraph.english-text.bilingual'), en.join(' '));
    assert.ok(scopesAt(lines[d + 2], 'class').includes('entity.other.attribute-name.html'));
    assert.ok(!scopesAt(lines[d + 2], '</p>').includes(ENGLISH), 'the closing tag is not English text');
  });

  it('ends the block at </details>: the Chinese paragraph and heading after it are plain Markdown', () => {
    const close = lineIndex(text, '</details>');
    assert.ok(scopesAt(lines[close], 'details').includes(BLOCK));
    const zh = lineIndex(text, '然而，正是这个系统');
    assert.ok(!lineHas(lines[zh], BLOCK) && !lineHas(lines[zh], ENGLISH));
    assert.ok(scopesAt(lines[zh], '然而').includes('meta.paragraph.markdown'));
    const h = lineIndex(text, '### AI市场中的循环交易网络');
    assert.ok(scopesAt(lines[h], 'AI市场').includes('entity.name.section.markdown'));
  });

  it('gives every English text line, and no Chinese line, the English scope across the whole post', () => {
    const post = parsePost(text);
    const englishLines = new Set<number>();
    for (const e of post.english) for (let l = post.lines.lineAt(e.textStart); l <= post.lines.lineAt(e.textEnd); l++) englishLines.add(l);
    lines.forEach((line, i) => {
      const has = lineHas(line, ENGLISH);
      if (englishLines.has(i)) assert.ok(has, `line ${i + 1} is English text`);
      else assert.ok(!has, `line ${i + 1} is not English text: ${text.split('\n')[i].slice(0, 40)}`);
    });
    for (const b of post.blocks) {
      if (b.kind === 'text' && paragraphLanguage(b.text) === 'zh') assert.ok(!lineHas(lines[b.line], BLOCK), `line ${b.line + 1}`);
    }
  });

  it('scopes glossary terms: the Chinese term bold, the English name apart from the explanation', () => {
    const l = lineIndex(text, '**金融工程**（Financial Engineering:');
    assert.ok(scopesAt(lines[l], '金融工程').includes('markup.bold.term.bilingual'));
    assert.ok(scopesAt(lines[l], 'Financial Engineering').includes('string.unquoted.term.english.bilingual'));
    assert.ok(scopesAt(lines[l], '结合金融理论').includes('meta.term.explanation.bilingual'));
    assert.ok(scopesAt(lines[l], '**').includes('punctuation.definition.bold.markdown'));
    assert.ok(!scopesAt(lines[l], '我们正在见证').includes('meta.glossary-term.bilingual'));
  });

  it('leaves the front matter to the Markdown grammar', () => {
    assert.ok(scopesAt(lines[1], 'area').includes('meta.embedded.block.frontmatter'));
    assert.ok(!lines.slice(0, 50).some(l => lineHas(l, BLOCK)));
  });
});

describe('grammar: every real post', () => {
  it('gives exactly the parser\'s English lines the English scope, in all 60 corpus posts', async function () {
    this.timeout(120000);
    let checked = 0;
    for (const name of corpusNames()) {
      const text = corpus(name);
      const post = parsePost(text);
      const lines = await tokenize(text);
      const english = new Set<number>();
      const skip = new Set<number>();
      for (const e of post.english) {
        const first = post.lines.lineAt(e.textStart), last = post.lines.lineAt(e.textEnd);
        // An empty <p></p> has no text to scope; `</` before a non-letter is a bogus HTML comment, read differently.
        const after = e.endLine + 1 < post.lines.lineCount ? post.lines.lineText(e.endLine + 1) : '';
        const odd = e.text.trim() === '' || /<\/[^A-Za-z]/.test(e.text + after);
        for (let l = e.line; l <= e.endLine + 1; l++) {
          if (odd) skip.add(l);
          else if (l >= first && l <= last && l <= e.endLine && post.lines.lineText(l).trim() !== '') english.add(l);
        }
      }
      lines.forEach((line, i) => {
        if (skip.has(i)) return;
        const has = lineHas(line, ENGLISH);
        if (english.has(i) !== has) assert.fail(`${name} line ${i + 1}: ${has ? 'English scope on a line the parser does not read as English' : 'English line without the English scope'}`);
        checked++;
      });
    }
    assert.ok(checked > 50000, `${checked} lines`);
  });
});

describe('grammar: other real shapes', () => {
  it('style B (Markdown body) and speaker labels in a real post', async () => {
    const text = corpus('-0zpuizDulg.md');
    const lines = await tokenize(text);
    const zh = lineIndex(text, '**Voice 1**: >> 在被占领的约旦河西岸');
    assert.ok(scopesAt(lines[zh], 'Voice 1').includes('entity.name.speaker.bilingual'));
    assert.ok(scopesAt(lines[zh], '在被占领').includes('meta.speaker.bilingual'));
    assert.ok(!lineHas(lines[zh], ENGLISH));
    const en = lineIndex(text, '**Voice 1**: >> 19 new settlements');
    assert.ok(scopesAt(lines[en], 'Voice 1').includes('entity.name.speaker.bilingual'));
    assert.ok(scopesAt(lines[en], '19 new settlements').includes(ENGLISH));
    assert.ok(scopesAt(lines[en - 2], 'Original English').includes('comment.line.summary-label.bilingual'));
  });

  it('speaker labels written **Name:** (colon inside the bold)', async () => {
    const text = corpus('U9TdxWTaYlE.md');
    const lines = await tokenize(text);
    const l = lineIndex(text, '**David Sacks:** Tareq');
    assert.ok(scopesAt(lines[l], 'David Sacks').includes('entity.name.speaker.bilingual'));
    assert.ok(scopesAt(lines[l], ':').includes('punctuation.separator.speaker.bilingual'));
  });

  it('<br> inside english-text is a tag, the text around it English (real post with <br>)', async () => {
    const text = corpus('JZJO7eMQkvg.md');
    const lines = await tokenize(text);
    const l = text.split('\n').findIndex(s => s.includes('english-text') && s.includes('<br>'));
    assert.ok(l > 0);
    assert.ok(scopesAt(lines[l], 'br>').includes('entity.name.tag.html'));
    assert.ok(lines[l].filter(t => t.scopes.includes(ENGLISH)).length >= 2);
  });

  it('a block whose summary is closed by </p> (a real mistake) still scopes its English', async () => {
    const text = corpus('FueX88st2OQ.md');
    const lines = await tokenize(text);
    const l = lineIndex(text, '<summary>View/Hide Original English</p>');
    assert.ok(scopesAt(lines[l], 'View/Hide').includes('comment.line.summary-label.bilingual'));
    assert.ok(scopesAt(lines[l + 1], 'So I hope').includes(ENGLISH));
  });

  it('a misspelled </detais> ends the block, as the parser reads it (real post)', async () => {
    const text = corpus('pYN7ZULM84U.md');
    const lines = await tokenize(text);
    const l = lineIndex(text, '</detais>');
    assert.ok(scopesAt(lines[l], 'detais').includes('invalid.illegal.misspelled-close.bilingual'));
    assert.ok(!lineHas(lines[l + 2], BLOCK));
  });

  it('an unclosed block stops at the next <details> or heading, as the parser does', async () => {
    const text = '中文。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">Never closed.\n\n## Next heading\n\n正文。\n';
    const lines = await tokenize(text);
    assert.ok(scopesAt(lines[4], 'Never').includes(ENGLISH));
    assert.ok(!lineHas(lines[6], BLOCK));
    assert.ok(scopesAt(lines[6], 'Next').includes('entity.name.section.markdown'));
  });

  it('nothing inside code: fenced code, inline code, and the site\'s own <details class=...>', async () => {
    const text = '```html\n<details>\n<summary>Original English</summary>\n</details>\n```\n\nUse `**术语**（English: x）` inline.\n\n<details class="entity-details">\n<summary>Entities</summary>\n</details>\n';
    const lines = await tokenize(text);
    for (let i = 1; i <= 3; i++) assert.ok(!lineHas(lines[i], BLOCK), `line ${i + 1}`);
    assert.ok(!lineHas(lines[6], 'meta.glossary-term.bilingual'));
    assert.ok(!lineHas(lines[8], BLOCK));
  });

  it('without the injection, the same lines carry none of our scopes (the test sees the injection, not the base grammar)', async () => {
    const lines = await tokenize(seed(0), false);
    assert.ok(!lines.some(l => lineHas(l, BLOCK) || lineHas(l, ENGLISH) || lineHas(l, 'meta.glossary-term.bilingual')));
  });
});
