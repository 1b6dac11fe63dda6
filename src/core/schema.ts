// The front-matter schema: which keys a post may have, their types, which are required and which hold entities.

export type KeyType = 'string' | 'list' | 'boolean' | 'date' | 'number' | 'any';

export interface KeySpec {
  key: string;
  type: KeyType;
  description: string;
  required?: boolean;
  /** The key holds entity names (companies, people...) kept consistent across the blog. */
  entity?: boolean;
  /** Values the blog uses on purpose, offered first by completion. */
  values?: string[];
  /** A legacy key still accepted; the message names its successor. */
  legacy?: string;
}

export interface Schema { keys: KeySpec[] }

/** The blog's conventions, counted in the census of its 9,761 posts. Order is the order completion offers. */
export const DEFAULT_SCHEMA: Schema = {
  keys: [
    { key: 'title', type: 'string', required: true, description: 'The post title, in Chinese.' },
    { key: 'date', type: 'date', required: true, description: "Publication date, 'YYYY-MM-DD' (quoted)." },
    { key: 'summary', type: 'string', description: 'One-paragraph Chinese summary shown on the index page.' },
    { key: 'source', type: 'string', description: 'URL of the original talk or video.' },
    { key: 'speaker', type: 'string', description: 'Who gave the talk (the channel or the person); several names separated by commas.' },
    { key: 'guest', type: 'string', description: 'Guest(s) of the talk, if any.' },
    { key: 'area', type: 'string', description: 'The area of the blog the post belongs to.',
      values: ['tech-engineering', 'society-thinking', 'finance-wealth', 'geopolitics', 'life-family', 'work-career', 'knowledge-meta', 'PAI'] },
    { key: 'category', type: 'string', description: 'The category within the area.' },
    { key: 'status', type: 'string', description: 'Editorial status.', values: ['evergreen', 'inbox', 'draft', 'archived'] },
    { key: 'layout', type: 'string', required: true, description: 'Eleventy layout template.', values: ['post.njk', 'book-note.njk'] },
    { key: 'draft', type: 'boolean', description: 'true hides the post from the published site.' },
    { key: 'series', type: 'string', description: 'Series the post belongs to, if any.' },
    { key: 'insight', type: 'string', description: "The author's own takeaway, if any." },
    { key: 'companies_orgs', type: 'list', entity: true, description: 'Companies and organisations mentioned.' },
    { key: 'people', type: 'list', entity: true, description: 'People mentioned.' },
    { key: 'products_models', type: 'list', entity: true, description: 'Products and AI models mentioned.' },
    { key: 'media_books', type: 'list', entity: true, description: 'Media outlets and books mentioned.' },
    { key: 'project', type: 'list', entity: true, description: "The author's projects this post feeds." },
    { key: 'tags', type: 'list', entity: true, description: 'Tags (lower-case, dash-separated).' },
    // Rare keys that real posts use on purpose.
    { key: 'author', type: 'string', description: 'Author of the original (channel name).' },
    { key: 'channel', type: 'string', description: 'Channel of the original video.' },
    { key: 'companies', type: 'any', legacy: 'companies_orgs', description: 'Legacy name of companies_orgs.' },
    { key: 'file_name', type: 'string', description: 'Original file name (imported posts).' },
    { key: 'created', type: 'any', description: 'Creation time (imported notes).' },
    { key: 'updated', type: 'any', description: 'Last update time (imported notes).' },
    { key: 'published', type: 'any', description: 'Publication flag or date (imported notes).' },
    { key: 'aliases', type: 'any', description: 'Alternative titles (imported notes).' },
    { key: 'exclude', type: 'any', description: 'Exclude from collections.' },
    { key: 'publisher', type: 'string', description: 'Book notes: the publisher.' },
    { key: 'rating', type: 'any', description: 'Book notes: the rating.' },
    { key: 'read_date', type: 'any', description: 'Book notes: when it was read.' },
    { key: 'year', type: 'any', description: 'Book notes: year of publication.' },
    { key: 'cover_image', type: 'string', description: 'Book notes: cover image path.' },
    { key: 'description', type: 'string', description: 'Book notes: description.' },
  ],
};

export function specOf(schema: Schema, key: string): KeySpec | undefined {
  return schema.keys.find(k => k.key === key);
}
