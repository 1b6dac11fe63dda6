// The CLI on real posts: output formats, exit codes, and awkward files and paths.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { corpus, CORPUS_DIR, REPO, seed } from './realPosts';

function run(args: string[], cwd?: string): { code: number; out: string; err: string } {
  let out = '', err = '';
  const old = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = main(args, { out: s => { out += s; }, err: s => { err += s; } });
    return { code, out, err };
  } finally { process.chdir(old); }
}

describe('CLI', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-cli-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('lints the real corpus folder: one line per diagnostic, a summary, exit 1 on errors', () => {
    const r = run(['lint', CORPUS_DIR()]);
    assert.strictEqual(r.code, 1);
    const lines = r.out.trim().split('\n');
    const diag = lines.filter(l => /^.+:\d+:\d+: (error|warning|info|hint) [a-z-]+ .+/.test(l));
    assert.ok(diag.length > 1000);
    assert.ok(diag.some(l => l.includes('QBznUHAopxU.md:') && l.includes(' malformed-block ')));
    assert.match(r.out, /60 posts checked: \d+ errors?, \d+ warnings?\./);
    assert.match(r.out, /Translation coverage: \d+\/\d+ units translated \(\d+\.\d%\) in \d+ bilingual posts; \d+ Chinese-only\./);
  });

  it('writes JSON with 1-based positions matching the text output', () => {
    const f = path.join(tmp, '003.md');
    fs.writeFileSync(f, seed(3));
    const r = run(['lint', '--format', 'json', f]);
    assert.strictEqual(r.code, 1);
    const arr = JSON.parse(r.out) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
    assert.deepStrictEqual(arr.map(d => [d.line, d.code]), [[103, 'malformed-block'], [147, 'malformed-block'], [349, 'malformed-block']]);
    assert.strictEqual(arr[0].column, 1);
    assert.strictEqual(arr[0].endLine, 104);
    assert.strictEqual(arr[0].severity, 'error');
  });

  it('exits 0 on a clean post and uses entity-variant across the posts it is given', () => {
    fs.writeFileSync(path.join(tmp, 'a.md'), corpus('0kVjjV0U35Y'));
    assert.strictEqual(run(['lint', tmp]).code, 0);
    for (const n of [0, 1, 3]) fs.writeFileSync(path.join(tmp, `seed${n}.md`), seed(n));
    const r = run(['lint', tmp]);
    assert.ok(r.out.split('\n').some(l => l.includes('seed1.md:5:3: warning entity-variant "openai"')), r.out);
  });

  it('exits 2 on usage errors with a clear message', () => {
    assert.strictEqual(run([]).code, 2);
    const r = run(['lint', '--format', 'xml', tmp]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /--format is text or json/);
    assert.strictEqual(run(['lint']).code, 2);
    assert.strictEqual(run(['frobnicate']).code, 2);
    assert.strictEqual(run(['--help']).code, 0);
  });

  it('reports unreadable, binary and non-UTF-8 files, lints the rest, and exits 2', () => {
    fs.writeFileSync(path.join(tmp, 'good.md'), seed(0));
    fs.writeFileSync(path.join(tmp, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    fs.writeFileSync(path.join(tmp, 'latin1.md'), Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'));
    fs.symlinkSync(path.join(tmp, 'nowhere.md'), path.join(tmp, 'dangling.md'));
    const r = run(['lint', tmp]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /binary\.md: error: not a text file/);
    assert.match(r.err, /latin1\.md: error: not valid UTF-8/);
    assert.match(r.err, /dangling\.md: error: no such file/);
    assert.match(r.out, /1 post checked/);
  });

  it('survives symlink loops and handles paths with spaces, leading dashes and colons (real file names)', () => {
    const sub = path.join(tmp, 'my posts');
    fs.mkdirSync(sub);
    fs.symlinkSync(tmp, path.join(sub, 'loop'));
    for (const name of ['--R5xlV9KHE.md', 'file_name: koji_monica_advice_for_ai_anxiety.md']) fs.copyFileSync(path.join(CORPUS_DIR(), name), path.join(sub, name));
    const r = run(['lint', tmp]);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    assert.match(r.out, /2 posts checked/);
    const direct = run(['lint', '--', '--R5xlV9KHE.md'], sub);
    assert.ok(direct.code === 0 || direct.code === 1, direct.err);
    assert.match(direct.out, /1 post checked/);
  });

  it('reads the config file found above the posts and reports its mistakes', () => {
    fs.writeFileSync(path.join(tmp, '.bilingual-posts.json'), JSON.stringify({ severity: { 'malformed-block': 'warning' }, nonsense: true }));
    fs.writeFileSync(path.join(tmp, '003.md'), seed(3));
    const r = run(['lint', tmp]);
    assert.strictEqual(r.code, 0, 'malformed-block is only a warning now');
    assert.match(r.err, /Unknown setting "nonsense"/);
    fs.writeFileSync(path.join(tmp, '.bilingual-posts.json'), '{ broken');
    assert.strictEqual(run(['lint', tmp]).code, 2);
  });

  it('runs as the built bin, as `npx bilingual-posts` does', () => {
    const bin = path.join(REPO, 'dist', 'cli.js');
    assert.ok(fs.existsSync(bin), 'npm run build first');
    fs.writeFileSync(path.join(tmp, 'a.md'), seed(0));
    const r = spawnSync(process.execPath, [bin, 'lint', tmp], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /summary-label/);
    assert.match(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+/);
  });
});
