// The text and file name of a new bilingual post: the schema's front matter filled in, an empty body.
import type { Config } from './config';
import { isoDate, yamlScalar } from './completion';

export interface NewPostInput {
  title: string;
  source?: string;
  speaker?: string;
  /** Defaults to today. */
  date?: Date;
  /** Defaults to the schema's first layout value (post.njk). */
  layout?: string;
  /** Defaults to the schema's first status value (evergreen). */
  status?: string;
  eol?: '\n' | '\r\n';
}

/** The scalar keys a new post starts with, in the schema's order; entity lists follow as `[]`. */
const SCALARS = ['title', 'date', 'summary', 'source', 'speaker', 'guest', 'area', 'category', 'status', 'layout', 'draft', 'series', 'insight'];

/** The new post's text and the offset where the cursor belongs (the start of the body). */
export function newPostText(input: NewPostInput, config: Pick<Config, 'schema'>): { text: string; cursor: number } {
  const eol = input.eol ?? '\n';
  const spec = (k: string) => config.schema.keys.find(s => s.key === k);
  const str = (v: string | undefined) => (v && v.trim() ? yamlScalar(v.trim()) : "''");
  const value: Record<string, string> = {
    title: str(input.title),
    date: `'${isoDate(input.date ?? new Date())}'`,
    source: str(input.source),
    speaker: str(input.speaker),
    status: str(input.status ?? spec('status')?.values?.[0] ?? 'evergreen'),
    layout: str(input.layout ?? spec('layout')?.values?.[0] ?? 'post.njk'),
    // A new post is unpublished until the author says otherwise.
    draft: 'true',
  };
  const lines = ['---'];
  const done = new Set<string>();
  for (const s of config.schema.keys) {
    const wanted = SCALARS.includes(s.key) || s.entity || s.required;
    if (!wanted || s.legacy || done.has(s.key)) continue;
    done.add(s.key);
    if (s.entity || s.type === 'list') lines.push(`${s.key}: []`);
    else lines.push(`${s.key}: ${value[s.key] ?? (s.type === 'boolean' ? 'false' : "''")}`);
  }
  lines.push('---', '', '');
  const text = lines.join(eol);
  return { text, cursor: text.length };
}

/** A file name for the post: the YouTube video id (as the blog names imported talks), else a slug of the title. */
export function newPostFileName(input: Pick<NewPostInput, 'title' | 'source' | 'date'>): string {
  const src = input.source ?? '';
  const yt = /(?:youtube\.com\/(?:watch\?(?:.*&)?v=|shorts\/|live\/|embed\/)|youtu\.be\/)([A-Za-z0-9_-]{11})/.exec(src);
  if (yt) return `${yt[1]}.md`;
  const slug = input.title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return `${isoDate(input.date ?? new Date())}-${slug || 'post'}.md`;
}
