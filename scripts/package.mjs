// npm run package: builds (vscode:prepublish) and packs the VSIX with @vscode/vsce, then lists what it holds and its size.
// usage: node scripts/package.mjs [--out FILE] [--quiet]     default out: artifacts/bilingual-posts-<version>.vsix
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = path.resolve(outArg >= 0 ? args[outArg + 1] : path.join(repo, 'artifacts', `${pkg.name}-${pkg.version}.vsix`));
const quiet = args.includes('--quiet');

/** Packs the VSIX into `file`; returns { file, bytes, entries: [{ name, size }] }. Throws when vsce fails. */
export function packageVsix(file = out, { log = console.log } = {}) {
  mkdirSync(path.dirname(file), { recursive: true });
  const vsce = path.join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  // --no-dependencies: everything that runs is bundled into dist/ by esbuild; node_modules stays out.
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', file], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  for (const line of `${r.stdout}${r.stderr}`.split('\n')) if (/WARNING|error/i.test(line)) log(line);
  return { file, bytes: statSync(file).size, entries: zipEntries(readFileSync(file)) };
}

/** The names and uncompressed sizes in a zip's central directory (a VSIX is a zip). */
export function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const size = buf.readUInt32LE(p + 24), nameLen = buf.readUInt16LE(p + 28), extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extra + comment;
  }
  return entries;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = packageVsix(out);
    if (!quiet) {
      for (const e of r.entries) console.log(`  ${e.name.padEnd(52)} ${kb(e.size).padStart(10)}`);
    }
    const unpacked = r.entries.reduce((s, e) => s + e.size, 0);
    console.log(`${path.relative(process.cwd(), r.file)}: ${kb(r.bytes)} (${r.entries.length} files, ${kb(unpacked)} unpacked)`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
