// A small Playwright helper library for driving the VS Code web workbench (used by ui-checks.js).
// Only for what a person sees: anything reachable through the vscode API belongs in test/integration/.
// Selectors are the workbench's DOM classes (VS Code 1.139); keep them here, in one place.
'use strict';
const fs = require('fs');
const path = require('path');

const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  activeEditor: '.editor-group-container.active .monaco-editor:not(.inline-widget)',
  activeTab: '.editor-group-container.active .tab.active',
  suggestRow: '.editor-widget.suggest-widget.visible .monaco-list-row',
  problems: '#status\\.problems',
  toast: '.notifications-toasts .notification-list-item',
};

class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { screenshotsDir, workspace }) {
    this.page = page;
    this.screenshotsDir = screenshotsDir;
    this.workspace = workspace;
    this.keyboard = page.keyboard;
  }

  /** Waits for the workbench with the explorer listing the workspace. */
  async waitReady(timeout = 90000) {
    await this.page.waitForSelector(SEL.workbench, { timeout });
    await this.page.waitForSelector(SEL.explorerRow, { timeout });
  }

  /** Closes pickers, widgets and notifications left over by a previous check. */
  async reset() {
    for (let i = 0; i < 3; i++) await this.keyboard.press('Escape');
    await this.page.locator('.notifications-toasts .codicon-notifications-clear-all, .notifications-toasts .codicon-close').first()
      .click({ timeout: 500 }).catch(() => {});
  }

  async screenshot(name) {
    fs.mkdirSync(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  // --- quick input (Quick Open, Command Palette) ---------------------------------------------------------

  /** Opens a quick input with a key chord and replaces its text (including any prefix like '>' or ':'). */
  async openQuickInput(keys, text) {
    await this.keyboard.press(keys);
    const box = this.page.locator(SEL.quickInputBox);
    await box.waitFor({ state: 'visible', timeout: 10000 });
    await box.fill(text);
  }

  /** Labels of the rows the open quick input lists, waiting until one matches `expected` (string or RegExp), if given. */
  async quickInputLabels(expected, timeout = 15000) {
    const rows = this.page.locator(SEL.quickInputRow);
    const matches = (labels) => !expected || labels.some((l) => (expected instanceof RegExp ? expected.test(l) : l.includes(expected)));
    const deadline = Date.now() + timeout;
    let labels = [];
    for (;;) {
      labels = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || ''))).map((s) => s.trim());
      if (labels.length && matches(labels)) return labels;
      if (Date.now() > deadline) throw new Error(`quick input never listed ${expected}; it listed ${JSON.stringify(labels.slice(0, 10))}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor tab. */
  async quickOpen(fileName) {
    await this.openQuickInput('Control+P', fileName);
    // Enter opens the focused row. For a moment after the text is set the list is still the unfiltered history
    // (recently opened files, the active editor's first and focused), which may list fileName too: wait until the
    // focused row is the file, or Enter reopens the active editor.
    const focused = this.page.locator(`${SEL.quickInputRow}.focused`);
    await this.waitFor(async () => (await focused.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || '')))
      .some((l) => l.includes(fileName)), { timeout: 15000, message: `Quick Open focusing ${fileName}` });
    await this.keyboard.press('Enter');
    await this.page.locator(SEL.activeTab, { hasText: fileName }).waitFor({ timeout: 20000 });
    await this.page.locator(`${SEL.activeEditor} .view-lines`).waitFor({ timeout: 20000 });
  }

  /** Command Palette: returns the labels listed for `text` (waits until one contains `expected`, default `text`). */
  async paletteFind(text, expected = text) {
    await this.openQuickInput('Control+Shift+P', '>' + text); // the '>' prefix makes Quick Open the palette
    return this.quickInputLabels(expected);
  }

  /** Runs a command from the Command Palette by its title; `opensInput`: the command asks for input, so the box stays. */
  async runCommand(title, { opensInput = false } = {}) {
    const labels = await this.paletteFind(title);
    const rows = this.page.locator(SEL.quickInputRow);
    const index = labels.findIndex((l) => l === title || l.startsWith(title));
    if (index < 0) throw new Error(`no palette entry titled "${title}": ${JSON.stringify(labels.slice(0, 10))}`);
    await rows.nth(index).click();
    if (opensInput) {
      const box = this.page.locator(SEL.quickInputBox);
      await this.waitFor(async () => !(await box.inputValue().catch(() => '>')).startsWith('>'), { timeout: 10000, message: `${title} asks for input` });
      return;
    }
    await this.page.locator(SEL.quickInputBox).waitFor({ state: 'hidden', timeout: 10000 });
  }

  // --- the editor -------------------------------------------------------------------------------------------

  /** The text of the lines the active editor renders (only the visible ones: Monaco virtualizes). */
  async editorText() {
    return this.page.locator(`${SEL.activeEditor} .view-lines`).innerText();
  }

  /** Moves the cursor with Go to Line (Ctrl+G); line and column are 1-based, as VS Code shows them. */
  async goTo(line, column = 1) {
    await this.focusEditor();
    await this.openQuickInput('Control+G', `:${line}:${column}`);
    await this.keyboard.press('Enter');
    await this.page.locator(SEL.quickInputBox).waitFor({ state: 'hidden', timeout: 10000 });
  }

  /** Cursor position from the status bar, { line, column } (1-based). */
  async cursor() {
    const text = await this.page.locator('#status\\.editor\\.selection').innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    if (!m) throw new Error(`no cursor position in the status bar: ${JSON.stringify(text)}`);
    return { line: Number(m[1]), column: Number(m[2]) };
  }

  /** Clicks at the start of the first visible line (in a scrolled editor the top of .view-lines is off screen). */
  async focusEditor() {
    const lines = this.page.locator(`${SEL.activeEditor} .view-lines`);
    await lines.waitFor({ timeout: 10000 });
    const [l, guard] = await Promise.all([lines.boundingBox(), this.page.locator(`${SEL.activeEditor} .overflow-guard`).first().boundingBox()]);
    if (!l || !guard) throw new Error('the active editor is not laid out');
    await this.page.mouse.click(l.x + 5, Math.max(l.y, guard.y) + 5);
  }

  /** Whether the keyboard focus is in the active text editor (its hidden input area). */
  async editorFocused() {
    return this.page.evaluate((sel) => {
      const a = document.activeElement;
      return !!a && !!a.closest(sel) && a.matches('textarea, .native-edit-context, [contenteditable]');
    }, SEL.activeEditor);
  }

  /** A short description of the focused element, for failure messages. */
  async focusedElement() {
    return this.page.evaluate(() => {
      const a = document.activeElement;
      if (!a) return 'nothing';
      const part = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).slice(0, 3).join('.') : ''}`;
      const chain = [];
      for (let e = a; e && chain.length < 4; e = e.parentElement) chain.push(part(e));
      return chain.join(' < ');
    }).catch((e) => `unknown (${e.message})`);
  }

  async type(text) {
    await this.keyboard.type(text);
  }

  /** Presses Ctrl+Space and returns the labels in the suggestion list (waits for it; fails if it stays empty). */
  async suggest(timeout = 15000) {
    await this.keyboard.press('Control+Space');
    const rows = this.page.locator(SEL.suggestRow);
    await rows.first().waitFor({ timeout });
    return rows.evaluateAll((els) => els.map((e) => (e.querySelector('.label-name') || e).textContent.trim()));
  }

  // --- status bar and notifications ------------------------------------------------------------------------

  /** Problems counts from the status bar item: { errors, warnings, infos, text }. */
  async problems() {
    const item = this.page.locator(SEL.problems);
    await item.waitFor({ timeout: 10000 });
    const label = (await item.getAttribute('aria-label')) || '';
    const text = (await item.innerText()).trim();
    // The label reads "Errors: 2, Warnings: 6" (VS Code 1.139) or "2 errors, 6 warnings" (older).
    const count = (re) => { const m = re.exec(label); return m ? Number(m[1] ?? m[2]) : 0; };
    if (/no problems/i.test(label)) return { errors: 0, warnings: 0, infos: 0, text, label };
    return { errors: count(/(\d+)\s+errors?|errors?:\s*(\d+)/i), warnings: count(/(\d+)\s+warnings?|warnings?:\s*(\d+)/i), infos: count(/(\d+)\s+infos?|infos?:\s*(\d+)/i), text, label };
  }

  /** Messages of the notification toasts currently shown. */
  async notifications() {
    return this.page.locator(`${SEL.toast} .notification-list-item-message`).allInnerTexts();
  }

  /** Polls an async condition until it is truthy (UI checks must not assert after fixed sleeps). */
  async waitFor(condition, { timeout = 10000, interval = 100, message = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try { last = await condition(); if (last) return last; } catch (e) { last = e; }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout}ms waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
      await this.page.waitForTimeout(interval);
    }
  }
}

module.exports = { Workbench, SEL };
