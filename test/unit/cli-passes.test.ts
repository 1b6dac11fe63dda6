// The CLI streams the blog (front matter first, then one post at a time): same output as linting the parsed posts all at once.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { collectPosts } from '../../src/cli/files';
import { defaultConfig, EntityIndex, fileEntryOf, lintPost, parsePost, translationPlan } from '../../src/core';
import { corpus, corpusNames, CORPUS_DIR, seed } from './realPosts';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = main(args, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

/**
 * The CLI as it was before it streamed: every post read whole and parsed, the index built from the parsed front
 * matter, then each post linted with all of them held. Its output is what the streaming CLI must still print.
 */
function reference(dir: string, format: 'text' | 'json'): { out: string; err: string } {
  const config = defaultConfig();
  const index = new EntityIndex(config);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const posts: { file: string; post: ReturnType<typeof parsePost> }[] = [];
  let out = '', err = '', unreadable = 0;
  for (const file of collectPosts([dir], config, dir).files) {
    const buf = fs.readFileSync(file);
    let text: string;
    try {
      if (buf.includes(0)) throw new Error('not a text file (it contains NUL bytes)');
      try { text = decoder.decode(buf); } catch { throw new Error('not valid UTF-8 text'); }
    } catch (e) { err += `${file}: error: ${(e as Error).message}\n`; unreadable++; continue; }
    const post = parsePost(text);
    index.update(file, fileEntryOf(post.frontMatter, index.entityKeys()));
    posts.push({ file, post });
  }
  const json: object[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  let units = 0, translated = 0, bilingual = 0, chineseOnly = 0;
  for (const { file, post } of posts) {
    const plan = translationPlan(post, config.translationMode);
    if (plan.mode === 'chinese-only') chineseOnly++;
    else if (plan.mode === 'paragraph' || plan.mode === 'section') { bilingual++; units += plan.total; translated += plan.translated; }
    for (const d of lintPost(post, { config, entities: index, file })) {
      counts[d.severity]++;
      const rec = { file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, severity: d.severity, code: d.code, message: d.message };
      if (format === 'json') json.push(rec);
      else out += `${file}:${rec.line}:${rec.column}: ${d.severity} ${d.code} ${d.message}\n`;
    }
  }
  if (format === 'json') return { out: JSON.stringify(json, null, 2) + '\n', err };
  const pct = units ? ` (${(100 * translated / units).toFixed(1)}%)` : '';
  const n = (k: number, one: string, many: string) => (k === 1 ? `1 ${one}` : `${k} ${many}`);
  out += `\n${n(posts.length, 'post checked', 'posts checked')}: ${n(counts.error, 'error', 'errors')}, ${n(counts.warning, 'warning', 'warnings')}`
    + `${counts.info ? `, ${counts.info} info` : ''}${unreadable ? `, ${unreadable} unreadable` : ''}.\n`;
  out += `Translation coverage: ${translated}/${units} units translated${pct} in ${n(bilingual, 'bilingual post', 'bilingual posts')}; ${chineseOnly} Chinese-only.\n`;
  return { out, err };
}

describe('CLI passes', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-cli-passes-'));
    // Real posts in the forms that decide what pass 1 reads: the front matter's end is found in the bytes.
    const names = corpusNames();
    const withCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
    const fmEnd = (s: string) => s.indexOf('\n---', 3) + 1;
    const a = corpus(names[0]), b = corpus(names[1]), c = corpus(names[2]), d = corpus(names[3]);
    fs.writeFileSync(path.join(tmp, 'bom-crlf.md'), '\uFEFF' + withCrlf(a));
    // Front matter past 16 KB (the editor's head size): a long title line before the close.
    fs.writeFileSync(path.join(tmp, 'long-front-matter.md'), b.slice(0, fmEnd(b)) + `notes: "${'长'.repeat(9000)}"\n` + b.slice(fmEnd(b)));
    // ... and before the entity lists, whose spellings entity-variant counts in the other posts.
    fs.writeFileSync(path.join(tmp, 'long-head.md'), seed(0).replace('---\n', `---\nnotes: "${'长'.repeat(9000)}"\n`));
    // No closing fence: the parser guesses the end from the whole post.
    fs.writeFileSync(path.join(tmp, 'unclosed.md'), c.slice(0, fmEnd(c)) + c.slice(fmEnd(c) + 4));
    fs.writeFileSync(path.join(tmp, 'dot-close.md'), d.slice(0, fmEnd(d)) + '...  ' + d.slice(fmEnd(d) + 3));
    fs.writeFileSync(path.join(tmp, 'no-front-matter.md'), d.slice(d.indexOf('\n---', 3) + 5));
    fs.writeFileSync(path.join(tmp, 'empty.md'), '');
    // Entity spellings across posts: entity-variant counts the posts of each spelling from pass 1's index.
    for (const n of [0, 1, 3]) fs.writeFileSync(path.join(tmp, `seed${n}.md`), seed(n));
    // A NUL byte far past the front matter: unreadable, so its OpenAI must count nowhere.
    fs.writeFileSync(path.join(tmp, 'nul-late.md'), Buffer.concat([Buffer.from(seed(0)), Buffer.alloc(20000, 0x20), Buffer.from([0])]));
    fs.writeFileSync(path.join(tmp, 'latin1.md'), Buffer.concat([Buffer.from(seed(1)), Buffer.from([0xe9])]));
  });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('prints exactly what linting every parsed post at once printed, on the real corpus (text and JSON)', () => {
    for (const format of ['text', 'json'] as const) {
      const r = run(['lint', '--format', format, CORPUS_DIR()]);
      const want = reference(CORPUS_DIR(), format);
      assert.strictEqual(r.err, want.err);
      assert.ok(r.out === want.out, `${format} output differs from the reference`);
      assert.strictEqual(r.code, 1);
    }
  });

  it('reads front matter from the bytes the same way on BOM, CRLF, long, unclosed and missing front matter, and skips unreadable posts', () => {
    for (const format of ['text', 'json'] as const) {
      const r = run(['lint', '--format', format, tmp]);
      const want = reference(tmp, format);
      assert.strictEqual(r.err, want.err);
      assert.strictEqual(r.out, want.out);
      assert.strictEqual(r.code, 2);
    }
    const text = run(['lint', tmp]).out;
    assert.match(text, /seed1\.md:5:3: warning entity-variant "openai" is spelled "OpenAI" elsewhere in the blog \(3 posts\)/);
    assert.match(text, /unclosed\.md:\d+:\d+: error /);
    assert.match(run(['lint', tmp]).err, /latin1\.md: error: not valid UTF-8 text\n.*nul-late\.md: error: not a text file/);
  });

  it('writes an empty JSON list when nothing is found', () => {
    const r = run(['lint', '--format', 'json', path.join(tmp, 'no-such-folder')]);
    assert.strictEqual(r.out, '[]\n');
    assert.strictEqual(r.code, 2);
  });
});
