// The CLI on a blog-sized tree: thousands of posts, deep folders, unreadable and huge files, each with the right counts and exit code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { seed } from './realPosts';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = main(args, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

/** A small clean post (style A, one translated paragraph) naming an entity. */
function cleanPost(i: number, company = 'OpenAI'): string {
  return `---\ntitle: 帖子 ${i}\ndate: '2025-01-${String(1 + (i % 28)).padStart(2, '0')}'\nlayout: post.njk\ncompanies_orgs:\n- ${company}\n---\n\n第 ${i} 篇的中文段落。\n\n<details>\n<summary>View/Hide Original English</summary>\n<p class="english-text">Paragraph ${i} in English.</p>\n</details>\n`;
}

const diagnosticLine = /^.+:\d+:\d+: (error|warning|info|hint) [a-z-]+ /;

describe('CLI on thousands of posts', function () {
  this.timeout(120000);
  const N = 3000;
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-cli-many-'));
    // 3,000 posts over 30 folders, some names awkward on purpose; three known mistakes among them.
    for (let i = 0; i < N; i++) {
      const dir = path.join(tmp, `year ${2000 + (i % 30)}`);
      if (i < 30) fs.mkdirSync(dir);
      const name = i % 500 === 0 ? `--post ${i}: notes.md` : `post-${i}.md`;
      let text = cleanPost(i, i === 1234 ? 'openai' : 'OpenAI');
      if (i === 7) text = text.replace('</summary>', '</p>'); // malformed-block: an error
      if (i === 2999) text = text.replace("layout: post.njk\n", ''); // frontmatter-required: an error
      fs.writeFileSync(path.join(dir, name), text);
    }
    // Not posts: skipped without a word.
    fs.writeFileSync(path.join(tmp, 'year 2000', 'notes.txt'), 'not markdown');
    fs.mkdirSync(path.join(tmp, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'node_modules', 'pkg', 'README.md'), '# not a post');
    fs.mkdirSync(path.join(tmp, '.git'));
    fs.writeFileSync(path.join(tmp, '.git', 'x.md'), '<details>');
  });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('checks every post once, reports exactly the planted mistakes, and exits 1 for the errors', () => {
    const r = run(['lint', tmp]);
    assert.strictEqual(r.err, '');
    assert.strictEqual(r.code, 1);
    assert.match(r.out, new RegExp(`\\n${N} posts checked: 2 errors, 1 warning\\.`));
    // Each finding as "file: severity code" (the file names hold colons and spaces: match from the known suffix).
    const found = r.out.split('\n').filter(l => diagnosticLine.test(l)).map(l => /([^/]+\.md):\d+:\d+: (\w+) ([a-z-]+) /.exec(l)!.slice(1).join(' '));
    assert.deepStrictEqual(found.sort(), ['post-1234.md warning entity-variant', 'post-2999.md error frontmatter-required', 'post-7.md error malformed-block']);
    assert.match(r.out, new RegExp(`Translation coverage: ${N}/${N} units translated \\(100\\.0%\\) in ${N} bilingual posts; 0 Chinese-only\\.`));
  });

  it('gives the same findings as JSON, one record per diagnostic', () => {
    const r = run(['lint', '--format', 'json', tmp]);
    assert.strictEqual(r.code, 1);
    const records = JSON.parse(r.out) as { file: string; code: string; severity: string }[];
    assert.deepStrictEqual(records.map(x => `${path.basename(x.file)} ${x.code} ${x.severity}`).sort(),
      ['post-1234.md entity-variant warning', 'post-2999.md frontmatter-required error', 'post-7.md malformed-block error']);
  });

  it('an unreadable post among them is named, the rest are still checked, and the exit code is 2', () => {
    const bad = path.join(tmp, 'year 2001', 'unreadable.md');
    // Root reads any file whatever its mode: a link to /proc/self/mem is a file no one can read from the start.
    if (fs.existsSync('/proc/self/mem')) fs.symlinkSync('/proc/self/mem', bad);
    else { fs.writeFileSync(bad, cleanPost(0)); fs.chmodSync(bad, 0); }
    try {
      const r = run(['lint', tmp]);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /unreadable\.md: error: /);
      assert.match(r.out, new RegExp(`\\n${N} posts checked: 2 errors, 1 warning, 1 unreadable\\.`));
    } finally { fs.rmSync(bad, { force: true }); }
  });

  it('a folder of only clean posts exits 0, and paths given twice or through a link count once', () => {
    const one = path.join(tmp, 'year 2010');
    fs.symlinkSync(one, path.join(tmp, 'link to 2010'));
    try {
      const r = run(['lint', one, one, path.join(tmp, 'link to 2010')]);
      assert.strictEqual(r.code, 0, r.out);
      assert.match(r.out, new RegExp(`\\n${N / 30} posts checked: 0 errors, 0 warnings\\.`));
    } finally { fs.rmSync(path.join(tmp, 'link to 2010')); }
  });
});

describe('CLI on extreme trees and files', function () {
  this.timeout(120000);
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-cli-x-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('walks folders nested 100 deep, with a link loop at the bottom', () => {
    let dir = tmp;
    for (let i = 0; i < 100; i++) dir = path.join(dir, `d${i}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'deep.md'), cleanPost(1));
    fs.symlinkSync(tmp, path.join(dir, 'back to the top'));
    const r = run(['lint', tmp]);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /\n1 post checked: 0 errors, 0 warnings\./);
  });

  it('lints a 10 MB post (a real post repeated) and counts each repeated mistake', () => {
    const s3 = seed(3);
    const body = s3.slice(s3.indexOf('\n---\n') + 5);
    const single = run(['lint', '--format', 'json', writePost(tmp, 'one.md', s3)]);
    const perCopy = (JSON.parse(single.out) as unknown[]).length;
    let text = s3, copies = 1;
    while (text.length < 10 * 1024 * 1024) { text += '\n' + body; copies++; }
    const r = run(['lint', '--format', 'json', writePost(tmp, 'big.md', text)]);
    assert.strictEqual(r.code, 1);
    const records = JSON.parse(r.out) as { line: number; code: string }[];
    assert.ok(perCopy > 0 && records.length >= perCopy * copies, `${records.length} diagnostics for ${copies} copies of ${perCopy}`);
    const lineCount = text.split('\n').length;
    assert.ok(records.every(x => x.line >= 1 && x.line <= lineCount), 'every position is inside the file');
  });

  it('a file named like an option (given after --), a file with a newline in its name, and an empty file, each checked once', () => {
    writePost(tmp, '-v.md', cleanPost(1));
    writePost(tmp, 'two\nlines.md', cleanPost(2));
    writePost(tmp, 'empty.md', '');
    const r = run(['lint', '--', path.join(tmp, '-v.md'), tmp]);
    // Every Markdown file in a blog's posts folder is a post: an empty one lacks its front matter.
    assert.strictEqual(r.code, 1, r.err + r.out);
    assert.match(r.out, /empty\.md:1:1: error frontmatter-required This post has no front matter/);
    assert.match(r.out, /\n3 posts checked: 1 error, 0 warnings\./);
  });
});

function writePost(dir: string, name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}
