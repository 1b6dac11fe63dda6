// The preview's HTML sanitizer: reads the raw HTML a post contains the way a browser's tokenizer does and writes back
// only allowlisted elements and attributes, in a canonical form; markdown-it's own (escaped) output passes through.
import { decodeHTMLAttribute } from 'entities';

/**
 * What the blog's posts use (details/summary, p.english-text, br, links, images, tables) plus ordinary Markdown
 * output; nothing that can run code, load a resource by itself, submit, navigate or restyle the page.
 */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'details', 'summary', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'pre', 'code', 'kbd', 'samp', 'var', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup',
  'abbr', 'cite', 'q', 'dfn', 'time', 'span', 'div', 'section', 'article', 'aside', 'header', 'footer', 'figure', 'figcaption',
  'ruby', 'rt', 'rp', 'wbr', 'a', 'img',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]);
const VOID = new Set(['br', 'hr', 'wbr', 'img', 'col']);
/** Our own markers; a post can write them too, which only misleads its own preview. */
export const MARKERS = ['data-line', 'data-english', 'data-pair', 'data-problem', 'data-problem-text'];
const GLOBAL_ATTRS = new Set([...MARKERS, 'title', 'lang', 'dir', 'class']);
const TAG_ATTRS: Record<string, ReadonlySet<string>> = {
  a: new Set(['href']),
  img: new Set(['src', 'alt', 'width', 'height']),
  details: new Set(['open']),
  ol: new Set(['start', 'type', 'reversed']),
  li: new Set(['value']),
  td: new Set(['align', 'colspan', 'rowspan']),
  th: new Set(['align', 'colspan', 'rowspan', 'scope']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
  time: new Set(['datetime']),
};
/** Whether the sanitizer keeps an attribute of this name on this (allowed) element. */
export function allowedAttribute(tag: string, name: string): boolean {
  return GLOBAL_ATTRS.has(name) || TAG_ATTRS[tag]?.has(name) === true;
}

/**
 * Elements dropped with everything up to their end tag: those whose content browsers read as raw text (a `<` in
 * them starts no tag), and those that embed another document or language (their content is never the post's text).
 */
const DROP_CONTENT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title',
  'template', 'object', 'svg', 'math']);
const DROP_END: Record<string, RegExp> = {};
for (const t of DROP_CONTENT) DROP_END[t] = new RegExp(`</${t}[\\t\\n\\f\\r />]`, 'gi');

/** An absolute or relative URL the preview may link to: http(s), mailto or no scheme, never protocol-relative. */
export function safeLink(url: string): boolean {
  // Browsers skip control characters and spaces in surprising places (`java\tscript:`); so does this check.
  const s = url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9.+-]*):/.exec(s);
  if (!m) return !/^[/\\]{2}/.test(s);
  const scheme = m[1].toLowerCase();
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** An image the preview may load when remote images are allowed: an absolute http(s) URL. */
export function remoteImageUrl(src: string): boolean {
  return /^https?:\/\/[^/\\]/i.test(src.replace(/[\u0000-\u0020\u007f-\u009f]+/g, ''));
}

/** Text for an attribute value in double quotes (and for text: no `<`, `>` or unescaped `&` comes out). */
export function escapeAttrValue(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The placeholder an image becomes when remote images are off (or the image could not load anyway). */
export function blockedImage(src: string, alt: string): string {
  const a = alt.trim();
  return `<span class="bp-img-blocked" title="${escapeAttrValue(src)}">${a ? `[图片 image: ${escapeAttrValue(a)}]` : '[图片 image]'}</span>`;
}

function allowedClasses(tag: string, value: string): string {
  if (value === 'english-text') return value;
  let out = '';
  for (const c of value.split(/[\t\n\f\r ]+/)) {
    if (c === 'english-text' || c === 'entity-details' || (c.startsWith('bp-') && c.length > 3) || (tag === 'code' && c.startsWith('language-') && c.length > 9)) {
      out += (out ? ' ' : '') + c;
    }
  }
  return out;
}

const enum Mode { Data, Comment, Bogus, Drop, Plaintext }

/** Sanitized tags by their source text, without and with remote images; bounded (cleared when full), so it cannot only grow. */
const TAG_CACHE = [new Map<string, string>(), new Map<string, string>()];
const TAG_CACHE_MAX = 2048;
const TAG_KEY_MAX = 200;
const ENGLISH_DETAILS = /^<details data-english="[ABC]" data-line="(\d+)"(?: data-pair="english")?>$/;

/** Longest unfinished tag carried from one piece of input to the next; a longer one is dropped (real tags are short). */
const MAX_CARRY = 16384;

/**
 * A streaming sanitizer over the page the way the browser gets it: the post's raw HTML fragments (`raw`) and the
 * markup we generated around them (`trusted`: markdown-it's escaped output, our markers), in document order.
 *
 * Raw HTML is tokenized as the HTML standard does (tags, attributes with quoting and character references, comments,
 * bogus comments such as `</中文…>`, raw-text elements) and written back in a canonical form: allowlisted elements
 * with allowlisted attributes, every value double-quoted and escaped, `<` and `>` in text escaped, URLs checked.
 * Nothing is balanced or reordered: a `<details>` opened in one HTML block and closed in another stays that way,
 * as on the site, and the browser builds the same tree from it. The tokenizer's state carries across pieces, so
 * broken HTML swallows what follows it exactly as far as a browser would (an unclosed comment hides the rest of the
 * page, `</中文` hides up to the next `>`, an unfinished tag reads on into the next piece).
 *
 * Safety does not depend on matching the browser exactly: whatever the input, the output holds only allowlisted
 * elements and attributes with escaped values and text with no `<`, which every HTML tokenizer reads the same way.
 */
export class HtmlSanitizer {
  private mode = Mode.Data;
  /** Raw input not yet tokenized: an unfinished tag waiting for the rest of it. */
  private carry = '';
  /** For Mode.Drop: the end tag that ends it; for Comment and Drop: the last characters seen (a terminator split across pieces). */
  private dropEnd: RegExp | undefined;
  private tail = '';
  /** Set while finish() reads what was carried: nothing comes after it. */
  private atEnd = false;
  /**
   * The data-line of every `<details data-english>` written out: the English blocks that reach the page. Noted
   * here, where the tags are read anyway, rather than by searching the finished page again.
   */
  readonly englishLines: number[] = [];

  constructor(readonly remoteImages = false) {}

  /** Markup we generated: passed through unless broken raw HTML before it still holds the tokenizer. */
  trusted(s: string): string {
    if (this.mode === Mode.Data && !this.carry) return s;
    return this.raw(s);
  }

  /** HTML from the post: sanitized. */
  raw(s: string): string {
    if (this.carry) {
      // An unfinished tag needs a `>` to finish; pieces without one only lengthen it.
      const joined = this.carry + s;
      if (s.indexOf('>') === -1 && joined.length <= MAX_CARRY) { this.carry = joined; return ''; }
      this.carry = '';
      s = joined;
    }
    let out = '';
    let pos = 0;
    const n = s.length;
    while (pos < n) {
      if (this.mode !== Mode.Data) {
        pos = this.skip(s, pos);
        continue;
      }
      const lt = s.indexOf('<', pos);
      if (lt === -1) { out += text(s.slice(pos)); break; }
      if (lt > pos) out += text(s.slice(pos, lt));
      const r = this.markup(s, lt);
      if (r.html) out += r.html;
      pos = r.end;
    }
    return out;
  }

  /** The end of the input: what an unfinished construct leaves (a lone `<` is text; an unfinished tag is nothing). */
  finish(): string {
    const c = this.carry;
    this.carry = '';
    this.atEnd = true;
    const done = c ? this.raw(c) : '';
    this.atEnd = false;
    this.mode = Mode.Data;
    this.tail = '';
    return done;
  }

  /** Drops input while inside a comment, bogus comment, dropped element or plaintext; returns where Data resumes (or n). */
  private skip(s: string, pos: number): number {
    const n = s.length;
    switch (this.mode) {
      case Mode.Bogus: {
        const gt = s.indexOf('>', pos);
        if (gt === -1) return n;
        this.mode = Mode.Data;
        return gt + 1;
      }
      case Mode.Comment: {
        const hay = this.tail + s.slice(pos);
        const m = /--!?>/.exec(hay);
        if (!m) { this.tail = hay.slice(-3); return n; }
        this.mode = Mode.Data;
        this.tail = '';
        return pos + m.index + m[0].length - (hay.length - (n - pos));
      }
      case Mode.Drop: {
        const re = this.dropEnd!;
        const hay = this.tail + s.slice(pos);
        re.lastIndex = 0;
        const m = re.exec(hay);
        if (!m) { this.tail = hay.slice(-12); return n; }
        this.mode = Mode.Data;
        this.tail = '';
        // The end tag itself is read as a tag (and dropped); if it began in an earlier piece, what is left of it.
        const at = pos + m.index - (hay.length - (n - pos));
        if (at >= pos) return at;
        this.mode = Mode.Bogus; // it began in the previous piece: the rest of it, up to its `>`
        return pos;
      }
      default:
        return n; // plaintext: nothing after it is markup, and none of it is shown
    }
  }

  /** Reads the markup at s[lt] === '<'. */
  private markup(s: string, lt: number): { html: string; end: number } {
    const n = s.length;
    if (lt + 1 >= n) return this.unfinished(s, lt, '&lt;');
    const c = s.charCodeAt(lt + 1);
    if (isAlpha(c)) return this.tag(s, lt, false);
    if (c === 47 /* / */) {
      if (lt + 2 >= n) return this.unfinished(s, lt, '&lt;/');
      const d = s.charCodeAt(lt + 2);
      if (isAlpha(d)) return this.tag(s, lt, true);
      if (d === 62 /* > */) return { html: '', end: lt + 3 }; // `</>` is nothing
      this.mode = Mode.Bogus; // `</中文…>`: a comment up to the next `>`
      return { html: '', end: lt + 2 };
    }
    if (c === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        // `<!-->` and `<!--->` are whole (empty) comments.
        if (s.startsWith('>', lt + 4)) return { html: '', end: lt + 5 };
        if (s.startsWith('->', lt + 4)) return { html: '', end: lt + 6 };
        this.mode = Mode.Comment;
        this.tail = '';
        return { html: '', end: lt + 4 };
      }
      // `<!` or `<!-` at the end of a piece may still become a comment.
      if (n - lt < 4 && '<!--'.startsWith(s.slice(lt))) return this.unfinished(s, lt, '');
      this.mode = Mode.Bogus; // doctype, CDATA (in HTML content), any other declaration
      return { html: '', end: lt + 2 };
    }
    if (c === 63 /* ? */) { this.mode = Mode.Bogus; return { html: '', end: lt + 2 }; }
    return { html: '&lt;', end: lt + 1 };
  }

  /** Markup cut off by the end of a piece: it waits for the next one; at the very end it is what \`atEnd\` says. */
  private unfinished(s: string, lt: number, atEnd: string): { html: string; end: number } {
    if (this.atEnd) return { html: atEnd, end: s.length };
    const rest = s.slice(lt);
    this.carry = rest.length <= MAX_CARRY ? rest : '';
    return { html: '', end: s.length };
  }

  /** A start or end tag at s[lt]; unfinished ones wait in `carry` for the next piece. */
  private tag(s: string, lt: number, end: boolean): { html: string; end: number } {
    // A post repeats a few tags (`<summary>`, `<p class="english-text">`, `</details>`) hundreds of times. A tag's
    // tokens depend on its own characters only, so a tag that ends at the first `>` after it is looked up by its text.
    const gt = s.indexOf('>', lt);
    const key = gt !== -1 && gt - lt < TAG_KEY_MAX ? s.slice(lt, gt + 1) : undefined;
    const cache = TAG_CACHE[this.remoteImages ? 1 : 0];
    if (key !== undefined) {
      const hit = cache.get(key);
      if (hit !== undefined) return { html: hit, end: gt + 1 };
      // An English block's opening tag as the renderer marks it: canonical already (each is unique, so never cached).
      const m = ENGLISH_DETAILS.exec(key);
      if (m) { this.englishLines.push(Number(m[1])); return { html: key, end: gt + 1 }; }
    }
    const r = this.tagUncached(s, lt, end);
    if (key !== undefined && r.end === gt + 1 && r.cacheable) {
      if (cache.size >= TAG_CACHE_MAX) cache.clear();
      cache.set(key, r.html);
    }
    return r;
  }

  private tagUncached(s: string, lt: number, end: boolean): { html: string; end: number; cacheable?: boolean } {
    const t = scanTag(s, lt + (end ? 2 : 1));
    if (!t) return this.unfinished(s, lt, ''); // at the very end an unfinished tag is nothing
    const name = t.name;
    if (end) {
      return { html: ALLOWED_TAGS.has(name) && name !== 'img' ? `</${name}>` : '', end: t.end, cacheable: true };
    }
    if (DROP_CONTENT.has(name)) {
      this.mode = Mode.Drop;
      this.dropEnd = DROP_END[name];
      this.tail = '';
      return { html: '', end: t.end };
    }
    if (name === 'plaintext') { this.mode = Mode.Plaintext; return { html: '', end: t.end }; }
    if (!ALLOWED_TAGS.has(name)) return { html: '', end: t.end, cacheable: true };
    if (name === 'img') return { html: this.image(t.attrs), end: t.end, cacheable: true };
    // Not cached: an English block's tag is noted as shown each time it is read.
    if (name === 'details') this.noteEnglish(t.attrs);
    return { html: `<${name}${attrsHtml(name, t.attrs)}${VOID.has(name) ? ' />' : '>'}`, end: t.end, cacheable: name !== 'details' };
  }

  private noteEnglish(attrs: string[]): void {
    let english = false, line = NaN;
    for (let i = 0; i < attrs.length; i += 2) {
      if (attrs[i] === 'data-english') english = /^[ABC]$/.test(attrs[i + 1]);
      else if (attrs[i] === 'data-line') line = /^\d+$/.test(attrs[i + 1]) ? Number(attrs[i + 1]) : NaN;
    }
    if (english && line === line) this.englishLines.push(line);
  }

  private image(attrs: string[]): string {
    let src = '', alt = '';
    for (let i = 0; i < attrs.length; i += 2) {
      if (attrs[i] === 'src') src = decode(attrs[i + 1]);
      else if (attrs[i] === 'alt') alt = decode(attrs[i + 1]);
    }
    if (!this.remoteImages || !remoteImageUrl(src)) return blockedImage(src, alt);
    return `<img${attrsHtml('img', attrs)} />`;
  }
}

function decode(v: string): string {
  return v.indexOf('&') === -1 ? v : decodeHTMLAttribute(v);
}

/** The allowlisted attributes of a tag, decoded, checked and re-escaped (attrs: name, raw value, name, raw value…). */
function attrsHtml(tag: string, attrs: string[]): string {
  let out = '';
  const own = TAG_ATTRS[tag];
  for (let i = 0; i < attrs.length; i += 2) {
    const name = attrs[i];
    if (!GLOBAL_ATTRS.has(name) && !own?.has(name)) continue;
    let v = decode(attrs[i + 1]);
    if (name === 'class') { v = allowedClasses(tag, v); if (!v) continue; }
    else if ((name === 'href' || name === 'src') && !safeLink(v)) continue;
    out += ` ${name}="${escapeAttrValue(v)}"`;
  }
  return out;
}

function text(s: string): string {
  return s.indexOf('>') === -1 ? s : s.replace(/>/g, '&gt;');
}

function isAlpha(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }
/** HTML whitespace: tab, LF, FF, CR, space. */
function isWs(c: number): boolean { return c === 32 || c === 10 || c === 9 || c === 13 || c === 12; }

/**
 * Tokenizes a tag from its name (i is just past `<` or `</`) to its `>` as the HTML standard's tokenizer does;
 * undefined when the input ends first. Attributes come as [name, raw value, …], the first of each name only
 * (a browser ignores later duplicates).
 */
export function scanTag(s: string, i: number): { name: string; attrs: string[]; end: number } | undefined {
  const n = s.length;
  let j = i;
  while (j < n) { const c = s.charCodeAt(j); if (isWs(c) || c === 47 || c === 62) break; j++; }
  if (j >= n) return undefined;
  const name = s.slice(i, j).toLowerCase();
  const attrs: string[] = [];
  for (;;) {
    // Before an attribute name: whitespace, and `/` not followed by `>` (self-closing is meaningless for HTML elements).
    while (j < n) { const c = s.charCodeAt(j); if (!isWs(c) && c !== 47) break; j++; }
    if (j >= n) return undefined;
    if (s.charCodeAt(j) === 62) return { name, attrs, end: j + 1 };
    // The name: its first character may be anything but whitespace, `/` and `>` (even `=`).
    const k = j++;
    while (j < n) { const c = s.charCodeAt(j); if (isWs(c) || c === 47 || c === 62 || c === 61) break; j++; }
    const aname = s.slice(k, j).toLowerCase();
    while (j < n && isWs(s.charCodeAt(j))) j++;
    if (j >= n) return undefined;
    let value = '';
    if (s.charCodeAt(j) === 61 /* = */) {
      j++;
      while (j < n && isWs(s.charCodeAt(j))) j++;
      if (j >= n) return undefined;
      const q = s.charCodeAt(j);
      if (q === 34 || q === 39) {
        const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
        if (close === -1) return undefined;
        value = s.slice(j + 1, close);
        j = close + 1;
      } else if (q !== 62) {
        const v0 = j;
        while (j < n) { const c = s.charCodeAt(j); if (isWs(c) || c === 62) break; j++; }
        if (j >= n) return undefined;
        value = s.slice(v0, j);
      }
    }
    let dup = false;
    for (let a = 0; a < attrs.length; a += 2) if (attrs[a] === aname) { dup = true; break; }
    if (!dup) attrs.push(aname, value);
  }
}

/** Sanitizes a whole HTML string on its own (for tests and callers that render their own markup). */
export function sanitizeHtml(html: string, remoteImages = false): string {
  const s = new HtmlSanitizer(remoteImages);
  return s.raw(html) + s.finish();
}
