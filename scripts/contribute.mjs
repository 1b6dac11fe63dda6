// Merges a JSON fragment into package.json "contributes" (arrays appended by id, objects merged), in one quick write.
// usage: node scripts/contribute.mjs '{"commands":[{"command":"x","title":"X"}]}'   (or a path to a .json file)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
const arg = process.argv[2];
const frag = JSON.parse(existsSync(arg) ? readFileSync(arg, 'utf8') : arg);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const c = (pkg.contributes ??= {});
const idOf = x => x && (x.command ?? x.id ?? x.language ?? x.scopeName ?? x.path ?? x.key ?? JSON.stringify(x));
function merge(into, from) {
  for (const [k, v] of Object.entries(from)) {
    if (Array.isArray(v)) {
      const arr = Array.isArray(into[k]) ? into[k] : [];
      for (const item of v) {
        const i = arr.findIndex(a => idOf(a) === idOf(item) && (a.when ?? '') === (item.when ?? ''));
        if (i >= 0) arr[i] = item; else arr.push(item);
      }
      into[k] = arr;
    } else if (v && typeof v === 'object') { into[k] = merge(into[k] && typeof into[k] === 'object' ? into[k] : {}, v); }
    else into[k] = v;
  }
  return into;
}
merge(c, frag);
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
