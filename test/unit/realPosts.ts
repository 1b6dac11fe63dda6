// Access to the real posts the tests run on: ../shared/seeds and ../shared/corpus beside the repo.
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
/** The shared folder of real posts; its absence fails the tests loudly rather than skipping them. */
export const SHARED = process.env.BILINGUAL_SHARED ? path.resolve(process.env.BILINGUAL_SHARED) : path.resolve(REPO, '..', 'shared');

function must(p: string): string {
  if (!fs.existsSync(p)) throw new Error(`Real posts not found at ${p}: the tests need ../shared beside the repo (or BILINGUAL_SHARED).`);
  return p;
}

export const SEEDS_DIR = () => must(path.join(SHARED, 'seeds'));
export const CORPUS_DIR = () => must(path.join(SHARED, 'corpus', 'posts'));

/** Seed n (0..3) by its number prefix. */
export function seedPath(n: number): string {
  const dir = SEEDS_DIR();
  const f = fs.readdirSync(dir).find(x => x.startsWith(String(n).padStart(3, '0') + '_'));
  if (!f) throw new Error(`seed ${n} not found in ${dir}`);
  return path.join(dir, f);
}
export const seed = (n: number) => fs.readFileSync(seedPath(n), 'utf8');

export function corpusPath(name: string): string { return must(path.join(CORPUS_DIR(), name.endsWith('.md') ? name : name + '.md')); }
export const corpus = (name: string) => fs.readFileSync(corpusPath(name), 'utf8');
export function corpusNames(): string[] { return fs.readdirSync(CORPUS_DIR()).filter(f => f.endsWith('.md')).sort(); }

/** The census's notes on each corpus post ("Why chosen" column of SOURCES.md), by file name. */
export function corpusNotes(): Map<string, string> {
  const src = fs.readFileSync(must(path.join(SHARED, 'corpus', 'SOURCES.md')), 'utf8');
  const out = new Map<string, string>();
  for (const line of src.split('\n')) {
    const cells = line.split('|').map(c => c.trim());
    if (cells.length > 10 && /^`.*\.md`$/.test(cells[1])) out.set(cells[1].slice(1, -1), cells[cells.length - 2]);
  }
  return out;
}

/** The fixture workspace's posts (copies of real posts shipped in the repo). */
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'workspace');
