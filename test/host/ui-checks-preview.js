// UI checks for the preview webview (included by ui-checks.js): screenshots beside the editor, normal and side by side, and the panel restored after a window reload.
'use strict';
const assert = require('assert');

const POST = '003-michael-burry.md';

/** The frame that holds the preview's page (webviews are nested iframes), once it shows the post. */
async function previewFrame(wb, timeout = 30000) {
  return wb.waitFor(async () => {
    for (const f of wb.page.frames()) {
      try {
        if (await f.$('#bp-root details[data-english]')) return f;
      } catch { /* a frame that went away while we looked */ }
    }
    return undefined;
  }, { timeout, message: 'the preview webview showing the post' });
}

/** Opens the post (Quick Open, or its row in the Explorer if Quick Open picked another file: checks before leave state). */
async function openPost(wb) {
  try {
    await wb.quickOpen(POST);
  } catch {
    await wb.reset();
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: POST }).first().click();
    await wb.page.locator('.editor-group-container.active .tab.active', { hasText: POST }).waitFor({ timeout: 20000 });
  }
}

/** Where things are on the page: the title and the first paired paragraph with its English block. */
function layout(frame) {
  return frame.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height }; };
    const title = document.querySelector('.bp-title');
    const p = document.querySelector('#bp-root > p[data-pair="A"]');
    const d = p && p.nextElementSibling;
    return {
      title: title ? title.textContent : '',
      titleBox: title ? box(title) : null,
      sideBySide: document.body.classList.contains('bp-side-by-side'),
      english: document.querySelectorAll('details[data-english]').length,
      open: document.querySelectorAll('details[data-english][open]').length,
      p: p ? box(p) : null,
      d: d && d.matches('details[data-english]') ? box(d) : null,
      // Chinese glyphs are drawn, not tofu: a run of Han characters is as wide as that many full-width glyphs.
      hanWidth: (() => { const s = document.createElement('span'); s.textContent = '中文字体测试'; document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; })(),
      fontSize: parseFloat(getComputedStyle(document.body).fontSize),
    };
  });
}

module.exports = [
  {
    name: 'preview beside the editor: Chinese rendered, normal and side-by-side mode, restored after a window reload',
    timeout: 150000,
    async run(wb) {
      await openPost(wb);
      await wb.waitFor(async () => /硅谷|大空头|英伟达/.test(await wb.editorText()), { message: 'the post in the editor' });
      await wb.runCommand('Bilingual: Open Preview to the Side');
      let frame = await previewFrame(wb);
      let l = await layout(frame);
      assert.match(l.title, /大空头做空AI泡沫/, 'the header card shows the Chinese title');
      assert.strictEqual(l.english, 72, 'every English block of the post');
      assert.ok(l.hanWidth >= 6 * l.fontSize * 0.9, `Han glyphs have full width (${l.hanWidth}px for 6 at ${l.fontSize}px)`);
      // Beside the editor: the editor keeps the left half of the window.
      const editorBox = await wb.page.locator('.editor-group-container .monaco-editor').first().boundingBox();
      const webBox = await (await frame.frameElement()).boundingBox(); // relative to the window, like the editor's
      assert.ok(editorBox && webBox && webBox.x >= editorBox.x + editorBox.width - 5, `preview (x=${webBox && webBox.x}) right of the editor (ends ${editorBox && editorBox.x + editorBox.width})`);
      // Open two blocks, as a reader would, for the picture.
      const summaries = frame.locator('#bp-root details[data-english] > summary');
      await summaries.nth(0).click();
      await summaries.nth(2).click();
      await wb.waitFor(async () => (await layout(frame)).open === 2, { message: 'two blocks open' });
      await wb.screenshot('preview-normal');

      await frame.click('[data-action="side-by-side"]');
      l = await wb.waitFor(async () => { const x = await layout(frame); return x.sideBySide && x.open === x.english ? x : undefined; }, { message: 'side-by-side mode' });
      assert.ok(l.p && l.d, 'a paragraph followed by its English block');
      assert.ok(l.d.left >= l.p.right, `the English (left ${l.d.left}) is right of its paragraph (right ${l.p.right})`);
      assert.ok(Math.abs(l.d.top - l.p.top) < 40, `on the same row (tops ${l.p.top} / ${l.d.top})`);
      await wb.screenshot('preview-side-by-side');

      // A window reload: the serializer brings the panel back on the same post, in the same mode.
      await wb.runCommand('Developer: Reload Window');
      await wb.waitReady();
      frame = await previewFrame(wb, 60000);
      l = await wb.waitFor(async () => { const x = await layout(frame); return x.english === 72 && x.sideBySide ? x : undefined; }, { timeout: 30000, message: 'the restored preview in side-by-side mode' });
      assert.match(l.title, /大空头做空AI泡沫/);
      await wb.screenshot('preview-restored');
      await frame.click('[data-action="side-by-side"]');
      await wb.runCommand('View: Close All Editors');
    },
  },
];
