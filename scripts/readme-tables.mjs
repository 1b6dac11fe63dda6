// Prints the README's command and setting tables from package.json (resolving %nls% keys), so the docs follow the manifest.
import { readFileSync, existsSync } from 'node:fs';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nls = existsSync('package.nls.json') ? JSON.parse(readFileSync('package.nls.json', 'utf8')) : {};
const zh = existsSync('package.nls.zh-cn.json') ? JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8')) : {};
const r = (s, d = nls) => (typeof s === 'string' ? s.replace(/^%(.+)%$/, (_, k) => d[k] ?? s) : s);
const c = pkg.contributes ?? {};
const keys = new Map();
for (const k of c.keybindings ?? []) keys.set(k.command, (keys.get(k.command) ? keys.get(k.command) + ', ' : '') + k.key);
const hidden = new Set((c.menus?.commandPalette ?? []).filter(m => m.when === 'false').map(m => m.command));
console.log('| Command | 中文 | Keybinding |\n|---|---|---|');
for (const cmd of c.commands ?? []) {
  if (hidden.has(cmd.command)) continue;
  console.log(`| **${r(cmd.category) ?? ''}: ${r(cmd.title)}** (\`${cmd.command}\`) | ${r(cmd.title, zh)} | ${keys.get(cmd.command) ?? ''} |`);
}
console.log('\n| Setting | Default | Description |\n|---|---|---|');
const cfgs = Array.isArray(c.configuration) ? c.configuration : [c.configuration ?? {}];
for (const cfg of cfgs) for (const [k, v] of Object.entries(cfg.properties ?? {})) {
  const d = JSON.stringify(v.default);
  console.log(`| \`${k}\` | \`${d && d.length > 40 ? d.slice(0, 37) + '...' : d}\` | ${(r(v.markdownDescription ?? v.description) ?? '').replace(/\n/g, ' ').replace(/\|/g, '\\|')} |`);
}
