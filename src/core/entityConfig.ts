// Edits to the entity lists in the blog's config file (.bilingual-posts.json) that keep the file's own formatting.
import { applyEdits as applyJsonEdits, modify, parse, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE, type EntityLists } from './config';

function formatting(text: string): FormattingOptions {
  const m = /\n([ \t]+)"/.exec(text);
  const ind = m ? m[1] : '  ';
  return { insertSpaces: !ind.includes('\t'), tabSize: ind.includes('\t') ? 1 : ind.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function entitiesOf(text: string): EntityLists {
  const o = parse(text) as { entities?: EntityLists } | undefined;
  return o && typeof o === 'object' && o.entities && typeof o.entities === 'object' ? o.entities : {};
}

/** Thrown when the config file is not a JSON object: the command says so instead of overwriting it. */
export class ConfigFileError extends Error {}

function checkObject(text: string): void {
  const errors: ParseError[] = [];
  const o = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !o || typeof o !== 'object' || Array.isArray(o)) throw new ConfigFileError(`${CONFIG_FILE} is not a valid JSON object; fix it first.`);
}

/**
 * The config text after adding `name` to the entity list of `key` (and `alias` to its aliases, when given).
 * Undefined text means no file yet: one is created. Returns the text unchanged when there is nothing to add.
 */
export function addEntityToConfig(text: string | undefined, key: string, name: string, alias?: string): string {
  const src = text && text.trim() ? text : '{}\n';
  checkObject(src);
  const lists = entitiesOf(src);
  const current = lists[key]?.[name];
  const aliases = Array.isArray(current) ? [...current] : [];
  if (alias && alias !== name && !aliases.includes(alias)) aliases.push(alias);
  else if (Array.isArray(current) || (current === null && !alias)) return src;
  const out = applyJsonEdits(src, modify(src, ['entities', key, name], aliases, { formattingOptions: formatting(src) }));
  return out.endsWith('\n') ? out : out + '\n';
}

/**
 * The config text after renaming a configured name (its aliases move with it; the old name becomes an alias,
 * so posts still spelled the old way are flagged as variants). Unchanged when `from` is not configured.
 */
export function renameEntityInConfig(text: string, key: string, from: string, to: string): string {
  checkObject(text);
  const list = entitiesOf(text)[key];
  if (!list || !(from in list) || from === to) return text;
  const fmt = { formattingOptions: formatting(text) };
  const aliases = [...new Set([...(list[to] ?? []), ...(list[from] ?? []), from])].filter(a => a !== to);
  let out = applyJsonEdits(text, modify(text, ['entities', key, from], undefined, fmt));
  out = applyJsonEdits(out, modify(out, ['entities', key, to], aliases, fmt));
  return out;
}
