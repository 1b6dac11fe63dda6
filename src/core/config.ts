// The blog's config file (.bilingual-posts.json at the blog root): schema overrides, labels, severities, entities.
import { DEFAULT_SCHEMA, type KeySpec, type KeyType, type Schema } from './schema';

export const CONFIG_FILE = '.bilingual-posts.json';

export const CODES = [
  'missing-translation', 'empty-translation', 'malformed-block', 'summary-label', 'chinese-in-english',
  'orphan-translation', 'block-spacing', 'frontmatter-yaml', 'frontmatter-unknown-key', 'frontmatter-type',
  'frontmatter-date', 'frontmatter-required', 'entity-variant',
] as const;
export type Code = typeof CODES[number];
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type TranslationMode = 'auto' | 'always' | 'never';

export const DEFAULT_SEVERITY: Record<Code, Severity> = {
  'missing-translation': 'warning',
  'empty-translation': 'warning',
  'malformed-block': 'error',
  'summary-label': 'warning',
  'chinese-in-english': 'warning',
  'orphan-translation': 'warning',
  'block-spacing': 'warning',
  'frontmatter-yaml': 'error',
  'frontmatter-unknown-key': 'warning',
  'frontmatter-type': 'error',
  'frontmatter-date': 'error',
  'frontmatter-required': 'error',
  'entity-variant': 'warning',
};

/** Labels the blog uses on purpose (CENSUS.md); anything close to one of them is a typo. */
export const DEFAULT_LABELS = [
  'View/Hide Original English',
  'Original English',
  'Original English Source',
  '查看/隐藏英文原文 / View/Hide Original English',
  'View/Hide Original Chinese',
  'View/Hide Original Text',
];

/** Canonical entity name -> aliases, per front-matter key. */
export type EntityLists = Record<string, Record<string, string[]>>;

export interface Config {
  translationMode: TranslationMode;
  acceptedLabels: string[];
  /** The label new blocks get. */
  defaultLabel: string;
  severity: Record<Code, SeveritySetting>;
  schema: Schema;
  entities: EntityLists;
  /** Glob-like path fragments the CLI and the editor skip. */
  exclude: string[];
}

export function defaultConfig(): Config {
  return {
    translationMode: 'auto',
    acceptedLabels: [...DEFAULT_LABELS],
    defaultLabel: DEFAULT_LABELS[0],
    severity: { ...DEFAULT_SEVERITY },
    schema: { keys: DEFAULT_SCHEMA.keys.map(k => ({ ...k })) },
    entities: {},
    exclude: ['node_modules/', 'README.md', 'CHANGELOG.md'],
  };
}

export interface ConfigProblem { message: string; path: string }

const TYPES: KeyType[] = ['string', 'list', 'boolean', 'date', 'number', 'any'];

/**
 * Reads the config file's JSON over the defaults. Unknown or ill-typed settings are reported and skipped,
 * so one typo never disables the rest.
 */
export function parseConfig(json: string, base: Config = defaultConfig()): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: Config = { ...base, severity: { ...base.severity }, schema: { keys: base.schema.keys.map(k => ({ ...k })) }, entities: { ...base.entities }, acceptedLabels: [...base.acceptedLabels] };
  let raw: unknown;
  try { raw = JSON.parse(json.replace(/^\uFEFF/, '')); } catch (e) {
    problems.push({ path: '', message: `${CONFIG_FILE} is not valid JSON: ${(e as Error).message}` });
    return { config, problems };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ path: '', message: `${CONFIG_FILE} must hold a JSON object.` });
    return { config, problems };
  }
  const o = raw as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    switch (k) {
      case '$schema': break;
      case 'translationMode':
        if (v === 'auto' || v === 'always' || v === 'never') config.translationMode = v;
        else problems.push({ path: k, message: 'translationMode must be "auto", "always" or "never".' });
        break;
      case 'acceptedLabels':
        if (Array.isArray(v) && v.every(x => typeof x === 'string')) config.acceptedLabels = v as string[];
        else problems.push({ path: k, message: 'acceptedLabels must be a list of strings.' });
        break;
      case 'defaultLabel':
        if (typeof v === 'string' && v.trim()) config.defaultLabel = v;
        else problems.push({ path: k, message: 'defaultLabel must be a string.' });
        break;
      case 'severity':
        if (v && typeof v === 'object') {
          for (const [code, sev] of Object.entries(v as Record<string, unknown>)) {
            if (!(CODES as readonly string[]).includes(code)) problems.push({ path: `severity.${code}`, message: `Unknown diagnostic code "${code}".` });
            else if (sev === 'error' || sev === 'warning' || sev === 'info' || sev === 'hint' || sev === 'off') config.severity[code as Code] = sev;
            else problems.push({ path: `severity.${code}`, message: 'A severity is "error", "warning", "info", "hint" or "off".' });
          }
        } else problems.push({ path: k, message: 'severity must be an object of code: severity.' });
        break;
      case 'keys':
        if (v && typeof v === 'object') {
          for (const [key, spec] of Object.entries(v as Record<string, unknown>)) {
            const s = (spec ?? {}) as Partial<KeySpec>;
            if (typeof spec !== 'object' || (s.type !== undefined && !TYPES.includes(s.type))) {
              problems.push({ path: `keys.${key}`, message: `A key is { "type": ${TYPES.map(t => `"${t}"`).join('|')}, "required"?: boolean, "entity"?: boolean, "description"?: string }.` });
              continue;
            }
            const existing = config.schema.keys.find(x => x.key === key);
            if (existing) Object.assign(existing, s, { key });
            else config.schema.keys.push({ key, type: s.type ?? 'any', description: s.description ?? '', required: s.required, entity: s.entity, values: s.values });
          }
        } else problems.push({ path: k, message: 'keys must be an object of key: spec.' });
        break;
      case 'entities':
        if (v && typeof v === 'object') {
          for (const [key, lists] of Object.entries(v as Record<string, unknown>)) {
            if (!lists || typeof lists !== 'object' || Array.isArray(lists)) { problems.push({ path: `entities.${key}`, message: 'Each entity list is an object of "Canonical Name": ["alias", ...].' }); continue; }
            const out: Record<string, string[]> = { ...(config.entities[key] ?? {}) };
            for (const [name, aliases] of Object.entries(lists as Record<string, unknown>)) {
              if (Array.isArray(aliases) && aliases.every(a => typeof a === 'string')) out[name] = aliases as string[];
              else if (aliases === null || (Array.isArray(aliases) && aliases.length === 0)) out[name] = [];
              else problems.push({ path: `entities.${key}.${name}`, message: 'Aliases must be a list of strings.' });
            }
            config.entities[key] = out;
          }
        } else problems.push({ path: k, message: 'entities must be an object of list key: { name: aliases }.' });
        break;
      case 'exclude':
        if (Array.isArray(v) && v.every(x => typeof x === 'string')) config.exclude = v as string[];
        else problems.push({ path: k, message: 'exclude must be a list of path patterns.' });
        break;
      default:
        problems.push({ path: k, message: `Unknown setting "${k}".` });
    }
  }
  return { config, problems };
}

/** Whether a path (with / separators, relative to the blog root) is excluded by a config pattern. */
export function isExcluded(relPath: string, config: Config): boolean {
  const p = relPath.replace(/\\/g, '/');
  return config.exclude.some(pat => {
    if (pat.endsWith('/')) return p.startsWith(pat) || p.includes('/' + pat);
    if (pat.includes('*')) {
      const re = new RegExp('^' + pat.split('*').map(x => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
      return re.test(p) || re.test(p.split('/').pop() ?? '');
    }
    return p === pat || p.endsWith('/' + pat);
  });
}
