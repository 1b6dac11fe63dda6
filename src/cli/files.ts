// Finding the posts to lint: files and folders, recursing into *.md, safe against symlink loops.
import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, frontMatterByteLength, isExcluded, type Config } from '../core';

export interface Walk { files: string[]; problems: { path: string; message: string }[] }

/** Expands the command line's paths into Markdown files, sorted, each once. */
export function collectPosts(inputs: string[], config: Config, root: string): Walk {
  const files = new Set<string>();
  const problems: Walk['problems'] = [];
  const seenDirs = new Set<string>();
  const visit = (p: string, explicit: boolean) => {
    let st: fs.Stats;
    try { st = fs.statSync(p); } catch (e) {
      problems.push({ path: p, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try { real = fs.realpathSync(p); } catch (e) { problems.push({ path: p, message: (e as Error).message }); return; }
      if (seenDirs.has(real)) return; // a symlink loop or a folder named twice
      seenDirs.add(real);
      let entries: fs.Dirent[];
      try { entries = fs.readdirSync(p, { withFileTypes: true }); } catch (e) { problems.push({ path: p, message: (e as Error).message }); return; }
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const d of entries) {
        if (d.name.startsWith('.') || d.name === 'node_modules') continue;
        const child = path.join(p, d.name);
        if (d.isDirectory() || d.isSymbolicLink()) visit(child, false);
        else if (d.isFile() && /\.md$/i.test(d.name)) visit(child, false);
      }
      return;
    }
    if (!st.isFile()) return;
    if (!explicit && !/\.md$/i.test(p)) return;
    const rel = path.relative(root, path.resolve(p)).split(path.sep).join('/');
    if (!explicit && isExcluded(rel, config)) return;
    files.add(p);
  };
  for (const i of inputs) visit(i, true);
  return { files: [...files].sort(), problems };
}

/** The config file for a run: --config, else the nearest .bilingual-posts.json above the first path or the cwd. */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try { if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir); } catch { dir = path.dirname(dir); }
  for (;;) {
    const f = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(f)) return f;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Why a post cannot be read, as the CLI words it. */
function readError(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message;
}

/** The check every read makes: NUL bytes or broken UTF-8 mean the file is not a post to lint. */
function textError(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return 'not a text file (it contains NUL bytes)';
  // isUtf8 validates natively in one pass; a fatal TextDecoder took longer than parsing some posts.
  if (!isUtf8(bytes)) return 'not valid UTF-8 text';
  return undefined;
}

/** Decodes checked UTF-8 without its byte-order mark, as TextDecoder does. */
function decode(bytes: Buffer, end = bytes.length): string {
  return bytes.toString('utf8', hasBom(bytes) ? 3 : 0, end);
}

const hasBom = (b: Buffer) => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** Reads a post as UTF-8 text; a clear reason instead when it is not text. */
export function readPost(file: string): { text: string } | { error: string } {
  let buf: Buffer;
  try { buf = fs.readFileSync(file); } catch (e) { return { error: readError(e) }; }
  const bad = textError(buf);
  return bad ? { error: bad } : { text: decode(buf) };
}

/**
 * Reads post after post into one buffer that grows to the largest post: linting 10,000 posts allocates no
 * buffer per post, and nothing read is kept past the next read.
 */
export class PostReader {
  private buf = Buffer.allocUnsafe(256 * 1024);

  /** The post's bytes (valid until the next read), or why it cannot be read. */
  private load(file: string): Buffer | string {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const size = fs.fstatSync(fd).size;
      if (size + 1 > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(size + 1, this.buf.length * 2));
      let n = 0;
      // Read to the end rather than to the size fstat gave: a file may grow while it is read.
      for (;;) {
        if (n === this.buf.length) { const b = Buffer.allocUnsafe(this.buf.length * 2); this.buf.copy(b, 0, 0, n); this.buf = b; }
        const k = fs.readSync(fd, this.buf, n, this.buf.length - n, null);
        if (k === 0) break;
        n += k;
      }
      return this.buf.subarray(0, n);
    } catch (e) {
      return readError(e);
    } finally {
      if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already reported or harmless */ }
    }
  }

  /** The whole post as text, with the same checks and reasons as readPost. */
  text(file: string): { text: string } | { error: string } {
    const bytes = this.load(file);
    if (typeof bytes === 'string') return { error: bytes };
    const bad = textError(bytes);
    return bad ? { error: bad } : { text: decode(bytes) };
  }

  /**
   * What the entity index needs of a post: its text up to the end of its front matter. The whole file is still
   * checked, so a post is unreadable here exactly when text() says so.
   */
  head(file: string): { text: string } | { error: string } {
    const bytes = this.load(file);
    if (typeof bytes === 'string') return { error: bytes };
    const bad = textError(bytes);
    if (bad) return { error: bad };
    // Cut where the editor's index cuts (the core finds the closing fence in the bytes), so both read alike.
    return { text: decode(bytes, frontMatterByteLength(bytes)) };
  }
}
