// UI checks: what only a person sees, driven through the real workbench with Playwright (see ui.js).
// Each entry is one test in the launcher's totals; `run(wb)` throws to fail. They run in order in ONE
// workbench (a fresh copy of test/fixtures/workspace, our extension loaded as extension under development);
// wb.reset() (Escape x3) runs before each. Screenshots go to artifacts/screenshots/ (a failing check gets
// FAILED-<name>.png automatically). Optional per-check `timeout` in ms (default 60000).
// --grep PATTERN filters them by 'ui <name>' too.
'use strict';
const assert = require('assert');

const POST = '001-silicon-valley-101.md';

module.exports = [
  {
    name: 'workbench renders a fixture post with Chinese text in the editor',
    async run(wb) {
      await wb.quickOpen(POST);
      const text = await wb.waitFor(async () => { const t = await wb.editorText(); return /硅谷/.test(t) && t; }, { message: 'Chinese text in the editor' });
      assert.match(text, /[\u4e00-\u9fff]{4,}/, 'the editor shows Chinese text');
      await wb.screenshot('post-open');
    },
  },
  {
    name: 'Command Palette finds and runs "Bilingual: Ping"',
    async run(wb) {
      const labels = await wb.paletteFind('Bilingual: Ping');
      assert.ok(labels.some((l) => l.startsWith('Bilingual: Ping')), `palette lists Bilingual: Ping: ${JSON.stringify(labels)}`);
      await wb.screenshot('palette-ping');
      await wb.keyboard.press('Escape');
      await wb.runCommand('Bilingual: Ping');
      const errors = (await wb.notifications()).filter((m) => /bilingual\.ping|not found|error/i.test(m));
      assert.deepStrictEqual(errors, [], 'running the command shows no error');
    },
  },
  {
    name: 'Ctrl+Space at the cursor lists suggestions (Markdown link path completion)',
    async run(wb) {
      await wb.quickOpen(POST);
      await wb.goTo(40, 1);
      assert.strictEqual((await wb.cursor()).line, 40);
      await wb.type('[link](./');
      const labels = await wb.waitFor(async () => {
        const l = await wb.suggest(5000).catch(() => []);
        return l.some((x) => x.includes('002-chinese-only.md')) && l;
      }, { timeout: 30000, message: 'a suggestion list with the workspace posts' });
      await wb.screenshot('suggest');
      assert.ok(labels.includes(POST), `suggestions: ${JSON.stringify(labels)}`);
      await wb.keyboard.press('Escape');
      await wb.keyboard.press('Control+Z');
    },
  },
  {
    name: 'status bar shows the Problems count',
    async run(wb) {
      const p = await wb.problems();
      for (const k of ['errors', 'warnings', 'infos']) assert.ok(Number.isInteger(p[k]) && p[k] >= 0, `${k} in ${JSON.stringify(p)}`);
    },
  },
  // The preview's checks (screenshots beside the editor, window reload) live in their own file.
  ...require('./ui-checks-preview'),
];
