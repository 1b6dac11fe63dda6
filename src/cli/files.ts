// Finding the posts to lint: files and folders, recursing into *.md, safe against symlink loops.
import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE, isExcluded, type Config } from '../core';

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

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a post as UTF-8 text; a clear reason instead when it is not text. */
export function readPost(file: string): { text: string } | { error: string } {
  let buf: Buffer;
  try { buf = fs.readFileSync(file); } catch (e) { return { error: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message }; }
  if (buf.includes(0)) return { error: 'not a text file (it contains NUL bytes)' };
  try { return { text: utf8.decode(buf) }; } catch { return { error: 'not valid UTF-8 text' }; }
}
