// The Chinese UI: complete translations (manifest and runtime bundles), core messages in Chinese under the zh-cn bundle, the CLI's --lang.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, languageOf } from '../../src/cli/main';
import { defaultConfig, EntityIndex, lintPost, parsePost, statusText, summarizePost, translationPlan, useL10nBundle } from '../../src/core';
import { REPO, seed } from './realPosts';

const read = (f: string) => JSON.parse(fs.readFileSync(path.join(REPO, f), 'utf8')) as Record<string, unknown>;
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}|`#[\w.]+#`|\(command:[\w.]+\)/g)].map(m => m[0]).sort().join(' ');
const HAN = /[\u4e00-\u9fff]/;

function cli(args: string[], env: Record<string, string | undefined> = {}): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = main(args, { out: s => { out += s; }, err: s => { err += s; } }, env);
  return { code, out, err };
}

describe('Chinese UI (l10n)', () => {
  const zh = read('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  after(() => useL10nBundle(undefined));

  it('translates every manifest string: each %key% of package.json is in package.nls.json and package.nls.zh-cn.json', () => {
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string') { const m = /^%([^%]+)%$/.exec(v); if (m) keys.add(m[1]); } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    const pkg = read('package.json');
    walk(pkg);
    const en = read('package.nls.json'), zhm = read('package.nls.zh-cn.json');
    assert.ok(keys.size >= 40, `${keys.size} localised manifest strings`);
    for (const k of keys) {
      assert.strictEqual(typeof en[k], 'string', `package.nls.json has ${k}`);
      assert.ok(typeof zhm[k] === 'string' && (zhm[k] as string).trim(), `package.nls.zh-cn.json has ${k}`);
      assert.strictEqual(placeholders(zhm[k] as string), placeholders(en[k] as string), `same setting links in ${k}`);
    }
    assert.deepStrictEqual(Object.keys(zhm).sort(), Object.keys(en).sort(), 'no stale keys');
    // Command titles a Chinese author sees in the palette are Chinese (the category too).
    const commands = (pkg.contributes as { commands: { title: string; category?: string }[] }).commands;
    for (const c of commands) if (c.title !== '%command.ping.title%') assert.match(zhm[c.title.slice(1, -1)] as string, HAN, c.title);
    assert.strictEqual(pkg.l10n, './l10n');
  });

  it('translates every runtime string of the bundle, keeping its placeholders', () => {
    const en = read('l10n/bundle.l10n.json') as Record<string, string>;
    assert.ok(Object.keys(en).length > 150, `${Object.keys(en).length} strings`);
    for (const k of Object.keys(en)) {
      assert.ok(typeof zh[k] === 'string' && zh[k].trim(), `zh-cn translates ${JSON.stringify(k)}`);
      assert.strictEqual(placeholders(zh[k]), placeholders(k), `placeholders of ${JSON.stringify(k)}`);
    }
    assert.deepStrictEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'no stale keys');
  });

  it('the bundle is current: exporting the l10n.t() strings of src/ again gives the same keys', function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-l10n-'));
    try {
      const cliJs = path.join(REPO, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      const r = spawnSync(process.execPath, [cliJs, 'export', '-o', out, path.join(REPO, 'src')], { encoding: 'utf8', cwd: REPO });
      assert.strictEqual(r.status, 0, r.stderr);
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      assert.deepStrictEqual(Object.keys(fresh).sort(), Object.keys(read('l10n/bundle.l10n.json')).sort(), 'run `npm run l10n` and translate the new strings');
    } finally { fs.rmSync(out, { recursive: true, force: true }); }
  });

  it('core messages, fix titles and the status words are Chinese under the zh-cn bundle and English without it', () => {
    const post = parsePost(seed(3));
    const lint = () => lintPost(post, { config: defaultConfig(), entities: new EntityIndex(defaultConfig()), file: 'seed-003.md' });
    const english = lint();
    const closedByP = english.find(d => d.code === 'malformed-block' && d.message.includes('</p>'));
    assert.ok(closedByP, 'seed 003 has summaries closed by </p>');
    assert.strictEqual(closedByP.message, 'The summary is closed by `</p>` instead of `</summary>`: browsers then put the English inside the summary line.');
    useL10nBundle(zh);
    try {
      const chinese = lint();
      assert.strictEqual(chinese.length, english.length, 'the same findings');
      const zhClosed = chinese.find(d => d.code === 'malformed-block' && d.message.includes('</p>'))!;
      assert.strictEqual(zhClosed.message, zh['The summary is closed by `</p>` instead of `</summary>`: browsers then put the English inside the summary line.']);
      assert.strictEqual(zhClosed.fixes[0].title, '用 </summary> 结束 summary');
      for (const d of chinese) assert.match(d.message, HAN, `a Chinese message for ${d.code}: ${d.message}`);
      const s = summarizePost(translationPlan(post, 'auto'), chinese);
      assert.match(statusText(s), /^英文 \d+\/\d+ · \d+ 个问题$/, statusText(s));
    } finally { useL10nBundle(undefined); }
    assert.strictEqual(lint().find(d => d.code === 'malformed-block')!.message, english.find(d => d.code === 'malformed-block')!.message, 'English again');
  });

  it('the CLI: --lang zh-cn or a Chinese LANG prints Chinese messages and summary; --lang en and other locales English', () => {
    const post = path.join(REPO, 'sample', 'label-typo.md');
    const zhOut = cli(['lint', '--lang', 'zh-cn', post]);
    assert.strictEqual(zhOut.code, 0, zhOut.err);
    assert.match(zhOut.out, /: warning summary-label summary 标签“.+”看起来是“.+”的笔误。/, 'severity and code stay as they are for tools; the message is Chinese');
    assert.match(zhOut.out, /已检查 1 篇文章：0 个错误，1 个警告。/);
    assert.strictEqual(cli(['lint', post], { LANG: 'zh_CN.UTF-8' }).out, zhOut.out, 'LANG=zh_CN.UTF-8 is the same as --lang zh-cn');
    assert.strictEqual(cli(['--lang=zh-cn', 'lint', post]).out, zhOut.out, 'the option goes before or after the command');
    const en = cli(['lint', post], { LANG: 'en_US.UTF-8' });
    assert.match(en.out, /1 post checked: 0 errors, 1 warning\./);
    assert.strictEqual(cli(['lint', '--lang', 'en', post], { LC_ALL: 'zh_CN.UTF-8' }).out, en.out, '--lang wins over the environment');
    const bad = cli(['lint', '--lang', 'fr', post]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--lang is en or zh-cn/);
  });

  it('reads the locale from LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.strictEqual(languageOf(['lint'], { LC_ALL: 'zh_TW', LANG: 'en_US' }).lang, 'zh-cn');
    assert.strictEqual(languageOf(['lint'], { LC_ALL: '', LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN' }).lang, 'en');
    assert.strictEqual(languageOf(['lint'], { LANG: 'C.UTF-8' }).lang, 'en');
    assert.deepStrictEqual(languageOf(['lint', '--lang', 'zh', 'x.md', '--', '--lang'], {}).argv, ['lint', 'x.md', '--', '--lang']);
  });
});
