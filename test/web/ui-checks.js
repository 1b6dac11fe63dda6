// UI check of the web workbench (VS Code for the Web, web-worker extension host): what a person sees of the diagnostics.
// Run by test/web/launch.js after the in-worker suite, in a second workbench on a fresh workspace copy with no tests;
// `run(wb)` throws to fail (wb: test/host/ui.js's Workbench). Screenshot: artifacts/screenshots/web-diagnostics.png.
'use strict';
const assert = require('assert');
const { SEL } = require('../host/ui');

const POST = '003-michael-burry.md';

module.exports = [
  {
    name: 'seed 003 in the web workbench: 3 errors in the status bar, squiggles, our code in the Problems panel, coverage item',
    timeout: 120000,
    async run(wb) {
      // Quick Open finds nothing here (test-web's file system has no search provider): open the post from the explorer.
      await wb.page.locator(SEL.explorerRow, { hasText: POST }).first().click();
      await wb.page.locator(SEL.activeTab, { hasText: POST }).waitFor({ timeout: 20000 });
      await wb.page.locator(`${SEL.activeEditor} .view-lines`).waitFor({ timeout: 20000 });
      // The three <summary> lines closed by </p> are the post's only errors (the in-worker suite checks their ranges).
      const p = await wb.waitFor(async () => { const x = await wb.problems(); return x.errors > 0 && x; }, { timeout: 45000, message: 'errors in the Problems count' });
      assert.strictEqual(p.errors, 3, `the three </p>-closed summaries: ${JSON.stringify(p)}`);
      await wb.keyboard.press('Control+Shift+M');
      const rows = await wb.waitFor(async () => {
        const r = await wb.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
        return r.filter((x) => x.includes('malformed-block')).length === 3 && r;
      }, { timeout: 20000, message: 'three malformed-block rows in the Problems panel' });
      assert.ok(rows.filter((x) => x.includes('malformed-block')).every((x) => x.includes('bilingual-posts')), `our source on each row: ${JSON.stringify(rows)}`);
      // Double-clicking the first problem reveals its range in the editor, squiggled.
      await wb.page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'malformed-block' }).first().dblclick();
      await wb.page.locator(`${SEL.activeEditor} .squiggly-error`).first().waitFor({ timeout: 15000 });
      assert.match((await wb.editorText()).replace(/\u00a0/g, ' '), /<summary>View\/Hide Original English<\/p>/, 'the editor shows the broken summary');
      const status = await wb.waitFor(async () => (await wb.page.locator('.statusbar-item').allInnerTexts()).map((s) => s.trim()).find((s) => /^EN \d+\/\d+ · \d+ problems$/.test(s)),
        { timeout: 20000, message: 'the coverage item in the status bar' });
      assert.ok(status.endsWith('· 3 problems'), `the coverage item counts the post's problems: ${status}`);
      await wb.screenshot('web-diagnostics');
    },
  },
];
