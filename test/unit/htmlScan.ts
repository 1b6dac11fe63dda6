// A strict reader of the sanitizer's output for the security tests: every tag and attribute, and what must never be among them.
import * as assert from 'assert';

// Elements that run code, load or embed something, submit, navigate or restyle the page.
export const FORBIDDEN_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'select', 'textarea', 'option', 'meta', 'base', 'link', 'svg', 'math', 'video', 'audio', 'source', 'portal', 'marquee', 'keygen', 'isindex',
  'template', 'noscript', 'noembed', 'xmp', 'body', 'html', 'head', 'title', 'x-custom', 'animate', 'foreignobject', 'use', 'mi', 'maction',
  'mglyph', 'img']);
export const FORBIDDEN_ATTRS = new Set(['style', 'srcdoc', 'formaction', 'srcset', 'ping', 'target', 'id', 'name', 'xlink:href', 'action', 'poster',
  'background', 'autofocus', 'is', 'rel', 'http-equiv']);

export interface Tag { name: string; attrs: [string, string][] }

/**
 * The sanitizer's output is normalized (every `<` in text is escaped, every attribute value quoted), so this strict
 * scanner reads it exactly; a `<` it cannot read fails the test rather than being skipped.
 */
export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[^\s"'=<>`/]+(?:="[^"]*")?)*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(html))) {
    const between = html.slice(pos, m.index);
    assert.ok(!between.includes('<'), `unreadable markup near: ${between.slice(between.indexOf('<'), between.indexOf('<') + 80)}`);
    pos = m.index + m[0].length;
    if (!m[2] || m[1]) continue;
    const attrs: [string, string][] = [];
    for (const a of m[3].matchAll(/\s+([^\s"'=<>`/]+)(?:="([^"]*)")?/g)) attrs.push([a[1].toLowerCase(), decode(a[2] ?? '')]);
    out.push({ name: m[2].toLowerCase(), attrs });
  }
  assert.ok(!html.slice(pos).includes('<'), 'unreadable markup at the end');
  return out;
}

function decode(s: string): string {
  return s.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** What may be left in a URL attribute: http(s), mailto, a fragment or a relative path; never a script or data URL. */
export function safeUrl(v: string): boolean {
  const s = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (s.startsWith('//')) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

export function assertClean(html: string, what: string): void {
  for (const t of tags(html)) {
    assert.ok(!FORBIDDEN_TAGS.has(t.name), `${what}: <${t.name}> survived`);
    for (const [k, v] of t.attrs) {
      assert.ok(!k.startsWith('on'), `${what}: <${t.name} ${k}> survived`);
      assert.ok(!FORBIDDEN_ATTRS.has(k), `${what}: <${t.name} ${k}="${v}"> survived`);
      if (['href', 'src', 'cite', 'action', 'data'].includes(k)) assert.ok(safeUrl(v), `${what}: <${t.name} ${k}="${v}">`);
      assert.ok(!/javascript:|vbscript:|data:text/i.test(v.replace(/\s/g, '')), `${what}: <${t.name} ${k}="${v}">`);
    }
  }
}
