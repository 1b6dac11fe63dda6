// UI checks for diagnostics (included by ui-checks.js): the Problems panel on a real post, the coverage status bar item
// and its click, the Ctrl+F8 keybindings, the light bulb's quick fixes and the Translation Report view.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const MISTAKES = 'SC2eSujzrUY.md'; // a real corpus post: a label typo, a broken block, an orphan, Chinese in English, a gap
const GAPS = 'LHjUSZnjQFk.md'; // a real post with 19 Chinese paragraphs that lack their English

/** The coverage item in the status bar (found by its accessible label, which starts with "Translation"). */
const statusItem = (wb) => wb.page.locator('#workbench\\.parts\\.statusbar [aria-label^="Translation "]').first();

/** 1-based lines of the Chinese paragraphs without English, from the core the extension uses (compiled to out/). */
function gapLines(wb, file) {
  const core = require(path.join(__dirname, '..', '..', 'out', 'src', 'core'));
  const post = core.parsePost(fs.readFileSync(path.join(wb.workspace, file), 'utf8'));
  return core.translationPlan(post, 'auto').missing.map((g) => g.line + 1);
}

/**
 * Go to Line with the keyboard only: the editor has focus after quickOpen, and clicking into a scrolled editor
 * (as wb.goTo does) can hit another element.
 */
async function goToLine(wb, line, column = 1) {
  await wb.openQuickInput('Control+G', `:${line}:${column}`);
  await wb.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'hidden', timeout: 10000 });
  await wb.waitFor(async () => (await wb.cursor()).line === line, { message: `the cursor on line ${line}` });
}

/**
 * Opens a post by clicking it in the Explorer, as a person would. (Quick Open, after some earlier checks had failed and
 * left pickers or dialogs behind, sometimes did not switch editors.)
 */
async function open(wb, file) {
  await wb.reset();
  const row = wb.page.locator('.explorer-folders-view .monaco-list-row', { has: wb.page.locator('.label-name', { hasText: new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  await row.first().click();
  await wb.page.locator('.editor-group-container.active .tab.active', { hasText: file }).waitFor({ timeout: 20000 });
  await wb.page.locator('.editor-group-container.active .monaco-editor:not(.inline-widget) .view-lines').waitFor({ timeout: 20000 });
}

async function statusText(wb, expected) {
  return wb.waitFor(async () => {
    const t = (await statusItem(wb).innerText({ timeout: 2000 })).replace(/\s+/g, ' ').trim();
    return (expected instanceof RegExp ? expected.test(t) : t === expected) && t;
  }, { timeout: 30000, message: `the coverage item to read ${expected}` });
}

module.exports = [
  {
    name: 'Problems panel lists the diagnostics of a real post full of mistakes',
    timeout: 90000,
    async run(wb) {
      await open(wb, MISTAKES);
      await wb.focusEditor();
      await wb.keyboard.press('Control+Shift+M');
      const rows = wb.page.locator('.markers-panel .monaco-list-row');
      const labels = await wb.waitFor(async () => {
        const l = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || ''));
        return l.some((x) => /Original Original English/.test(x)) && l.some((x) => /never closed/.test(x)) && l;
      }, { timeout: 30000, message: 'our problems listed in the Problems panel' });
      await wb.screenshot('problems-panel');
      assert.ok(labels.some((x) => /mostly Chinese/.test(x)), JSON.stringify(labels.slice(0, 12)));
      const p = await wb.problems();
      assert.ok(p.errors > 0 && p.errors + p.warnings >= 7, `Problems count in the status bar: ${JSON.stringify(p)}`);
      await wb.focusEditor();
      await wb.keyboard.press('Control+J'); // close the panel again for the checks that follow
    },
  },
  {
    name: 'status bar shows the active post\'s coverage and problems; clicking it goes to the next missing translation',
    timeout: 90000,
    async run(wb) {
      await open(wb, '000-ai-circular-economy.md');
      await statusText(wb, 'EN 49/49 · 2 problems');
      await open(wb, '001-silicon-valley-101.md');
      await statusText(wb, 'Chinese-only · 1 problem');
      await wb.screenshot('status-bar-chinese-only');
      await open(wb, GAPS);
      await statusText(wb, /^EN 264\/283 · \d+ problems$/);
      await wb.screenshot('status-bar-coverage');
      const gaps = gapLines(wb, GAPS);
      assert.strictEqual(gaps.length, 19);
      await goToLine(wb, 1);
      await statusItem(wb).click();
      await wb.waitFor(async () => (await wb.cursor()).line === gaps[0], { message: `the cursor on line ${gaps[0]}` });
      await statusItem(wb).click();
      await wb.waitFor(async () => (await wb.cursor()).line === gaps[1], { message: `the cursor on line ${gaps[1]}` });
      // Move away so the item's hover does not cover the editor for the next check.
      await wb.page.mouse.move(600, 300);
      await wb.keyboard.press('Escape');
    },
  },
  {
    name: 'Ctrl+F8 / Ctrl+Shift+F8 move between missing translations',
    async run(wb) {
      await open(wb, GAPS);
      const gaps = gapLines(wb, GAPS);
      await goToLine(wb, gaps[4] + 1);
      await wb.keyboard.press('Control+F8');
      await wb.waitFor(async () => (await wb.cursor()).line === gaps[5], { message: `Ctrl+F8 to line ${gaps[5]}` });
      await wb.keyboard.press('Control+Shift+F8');
      await wb.waitFor(async () => (await wb.cursor()).line === gaps[4], { message: `Ctrl+Shift+F8 to line ${gaps[4]}` });
      await goToLine(wb, 1);
      await wb.keyboard.press('Control+Shift+F8');
      await wb.waitFor(async () => (await wb.cursor()).line === gaps[gaps.length - 1], { message: 'wrapped to the last gap' });
      await wb.screenshot('next-missing-translation');
    },
  },
  {
    name: 'Ctrl+. on a mistyped summary label offers its fix; choosing it repairs the line',
    timeout: 90000,
    async run(wb) {
      const file = '000-ai-circular-economy.md';
      const lines = fs.readFileSync(path.join(wb.workspace, file), 'utf8').split('\n');
      const line = lines.indexOf('<summary>View/Hide Original Original English</summary>') + 1;
      assert.ok(line > 0);
      await open(wb, file);
      await goToLine(wb, line, 12);
      const row = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Change the label to "View/Hide Original English"' });
      // The diagnostics arrive a moment after the file opens: ask again until the fix is listed.
      await wb.waitFor(async () => {
        await wb.keyboard.press('Escape');
        await wb.keyboard.press('Control+.');
        return row.first().isVisible({ timeout: 2000 }).catch(() => false);
      }, { timeout: 30000, message: 'the quick fix in the Ctrl+. menu' });
      await wb.screenshot('quick-fix-menu');
      await row.first().click();
      await wb.waitFor(async () => {
        const t = (await wb.editorText()).replace(/\u00a0/g, ' ');
        return t.includes('<summary>View/Hide Original English</summary>') && !t.includes('Original Original');
      }, { message: 'the repaired label' });
      await wb.runCommand('File: Revert File');
    },
  },
  {
    name: 'Translation Report view lists posts worst first and opens one at its first error',
    timeout: 90000,
    async run(wb) {
      await open(wb, GAPS);
      await wb.runCommand('Bilingual: Show Workspace Translation Report');
      const rows = wb.page.locator('.pane-body .monaco-list-row', { hasText: /\.md\s*(EN \d+\/\d+|Chinese-only)/ });
      // The list is virtual: only the rows that fit in the pane are in the DOM.
      const labels = await wb.waitFor(async () => {
        const l = await rows.evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
        return l.length >= 4 && l;
      }, { timeout: 30000, message: 'the report rows' });
      await wb.screenshot('translation-report');
      // Worst first: the post with errors and the most Chinese paragraphs without English.
      assert.match(labels[0], new RegExp(`^${GAPS.replace('.', '\\.')}\\s*EN 264/283 · \\d+ problems$`), JSON.stringify(labels));
      const core = require(path.join(__dirname, '..', '..', 'out', 'src', 'core'));
      const text = fs.readFileSync(path.join(wb.workspace, GAPS), 'utf8');
      const firstError = core.lintPost(text, { config: core.defaultConfig() }).find((d) => d.severity === 'error');
      await goToLine(wb, 1);
      await rows.first().click();
      await wb.waitFor(async () => (await wb.cursor()).line === firstError.range.start.line + 1, { message: `the cursor at the first error, line ${firstError.range.start.line + 1}` });
    },
  },
];
