// Keeps the manifest localisable: moves literal user-visible strings of package.json into package.nls.json as %keys%,
// then reports every key the translations (package.nls.<lang>.json, l10n/bundle.l10n.<lang>.json) lack or no longer use.
//   node scripts/nls.mjs            move new strings, report (exit 1 when a translation is missing or stale)
//   node scripts/nls.mjs --check    only report, change nothing (the unit test runs this logic too)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (f) => JSON.parse(readFileSync(path.join(repo, f), 'utf8'));
const short = (id) => id.replace(/^bilingual(Posts)?\./, '');

/** Every user-visible manifest string as [holder, field, key]; the key is stable, derived from ids. */
export function manifestStrings(pkg) {
  const out = [];
  const c = pkg.contributes ?? {};
  out.push([pkg, 'displayName', 'extension.displayName'], [pkg, 'description', 'extension.description']);
  const ut = pkg.capabilities?.untrustedWorkspaces;
  if (ut && ut.description) out.push([ut, 'description', 'capabilities.untrustedWorkspaces.description']);
  for (const cmd of c.commands ?? []) {
    out.push([cmd, 'title', `command.${short(cmd.command)}.title`]);
    if (cmd.category) out.push([cmd, 'category', `category.${cmd.category === 'Bilingual' || cmd.category === '%category.bilingual%' ? 'bilingual' : short(cmd.command)}`]);
    if (cmd.shortTitle) out.push([cmd, 'shortTitle', `command.${short(cmd.command)}.shortTitle`]);
  }
  if (c.configuration?.title) out.push([c.configuration, 'title', 'config.title']);
  const props = (holder, prefix) => {
    for (const [name, p] of Object.entries(holder ?? {})) {
      const k = `${prefix}${short(name)}`;
      for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) if (typeof p[f] === 'string') out.push([p, f, `config.${k}.${f}`]);
      for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) {
        (p[f] ?? []).forEach((_, i) => out.push([p[f], i, `config.${k}.${f}.${p.enum?.[i] ?? i}`]));
      }
      if (p.properties) props(p.properties, `${k}.`);
    }
  };
  props(c.configuration?.properties, '');
  for (const list of Object.values(c.views ?? {})) {
    for (const v of list) for (const f of ['name', 'contextualTitle']) if (v[f]) out.push([v, f, `view.${short(v.id)}.${f}`]);
  }
  for (const w of c.viewsWelcome ?? []) out.push([w, 'contents', `viewsWelcome.${short(w.view)}${w.when ? `.${w.when.replace(/\W+/g, '_')}` : ''}.contents`]);
  for (const group of c.codeActions ?? []) {
    for (const a of group.actions ?? []) for (const f of ['title', 'description']) if (a[f]) out.push([a, f, `codeAction.${a.kind}.${f}`]);
  }
  for (const [i, w] of (c.walkthroughs ?? []).entries()) for (const f of ['title', 'description']) if (w[f]) out.push([w, f, `walkthrough.${w.id ?? i}.${f}`]);
  return out;
}

const isKey = (s) => typeof s === 'string' && /^%[^%]+%$/.test(s);

/** Problems with the translations: [file, message]. */
export function translationProblems() {
  const problems = [];
  const pkg = read('package.json');
  const nls = read('package.nls.json');
  const used = new Set();
  for (const [holder, field, key] of manifestStrings(pkg)) {
    const v = holder[field];
    if (typeof v !== 'string') continue;
    if (!isKey(v)) problems.push(['package.json', `"${v.slice(0, 60)}" is not localised (run node scripts/nls.mjs)`]);
    else { used.add(v.slice(1, -1)); if (!(v.slice(1, -1) in nls)) problems.push(['package.nls.json', `no "${v.slice(1, -1)}"`]); }
    void key;
  }
  for (const k of Object.keys(nls)) if (!used.has(k)) problems.push(['package.nls.json', `"${k}" is not used by package.json`]);
  const compare = (base, file) => {
    const tr = read(file);
    for (const k of Object.keys(base)) if (!(k in tr) || typeof tr[k] !== 'string' || !tr[k].trim()) problems.push([file, `no translation of ${JSON.stringify(k).slice(0, 90)}`]);
    for (const k of Object.keys(tr)) if (!(k in base)) problems.push([file, `stale key ${JSON.stringify(k).slice(0, 90)}`]);
    for (const [k, v] of Object.entries(tr)) {
      const want = placeholders(typeof base[k] === 'string' ? base[k] : k), got = placeholders(v);
      if (k in base && want !== got) problems.push([file, `placeholders differ for ${JSON.stringify(k).slice(0, 60)}: ${want} vs ${got}`]);
    }
  };
  for (const f of readdirSync(repo)) if (/^package\.nls\.[\w-]+\.json$/.test(f)) compare(nls, f);
  const bundleFile = path.join('l10n', 'bundle.l10n.json');
  if (existsSync(path.join(repo, bundleFile))) {
    const bundle = read(bundleFile);
    for (const f of readdirSync(path.join(repo, 'l10n'))) if (/^bundle\.l10n\.[\w-]+\.json$/.test(f)) compare(bundle, path.join('l10n', f));
  }
  return problems;
}

/** The {0}/{name} placeholders and the `#setting#` links of a string, sorted: translations must keep them all. */
function placeholders(s) {
  return [...String(s).matchAll(/\{[\w.]+\}|`#[\w.]+#`|\(command:[\w.]+\)/g)].map((m) => m[0]).sort().join(' ');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--check')) {
    const pkg = read('package.json');
    const nls = read('package.nls.json');
    let moved = 0;
    for (const [holder, field, key] of manifestStrings(pkg)) {
      const v = holder[field];
      if (typeof v !== 'string' || isKey(v)) continue;
      if (key in nls && nls[key] !== v) console.log(`updated ${key}: ${JSON.stringify(nls[key]).slice(0, 60)} -> ${JSON.stringify(v).slice(0, 60)}`);
      nls[key] = v;
      holder[field] = `%${key}%`;
      moved++;
    }
    if (moved) {
      writeFileSync(path.join(repo, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
      writeFileSync(path.join(repo, 'package.nls.json'), JSON.stringify(nls, null, 2) + '\n');
      console.log(`moved ${moved} manifest string(s) into package.nls.json`);
    }
  }
  const problems = translationProblems();
  for (const [f, m] of problems) console.log(`${f}: ${m}`);
  console.log(problems.length ? `${problems.length} problem(s)` : 'translations complete');
  process.exit(problems.length ? 1 : 0);
}
