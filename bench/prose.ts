// The fixed text of BENCHMARKS.md: how each figure is measured, and what the misses come from.
import { FLOOR_DESCRIPTION } from './cases/lint';

export const INTRO = `Measured by \`npm run bench\` in one process run (plus the child processes named below), after warm-up.
Each figure is the **median** over the timed rounds, with the **p10–p90 spread** and the round count *n*.
Absolute times drift on a shared machine, so each figure is set beside a peer or a floor measured **in the same run,
interleaved round by round** (A B, B A, …): the ratio is the result, and its own p10–p90 is given over the per-round
ratios. \`npm run bench -- --quick\` is a short smoke run (fewer rounds; no 10 MiB markdownlint run);
\`-- --full\` also runs markdownlint-cli2 over the whole 10,000-post blog (it takes longer than everything else together).
The test suite has no timing assertions; speed is proven here.

Inputs: the real posts in \`../shared/corpus/posts\`; a 1 MiB and a 10 MiB post made of whole real posts' blocks
(the largest post's front matter on top, then every post's body block by block, largest first, cycling); and a
blog of 10,000 posts of 24–36 KB (mean ≈ 30 KB), each a real post's front matter with its values re-drawn from the
corpus's real values (skewed towards the most used, a quarter of them new combinations of two real values so the
index has a long tail, 4 % case variants like \`NVIDIA\`/\`Nvidia\`) over consecutive real blocks. All are built
deterministically (seeded PRNG) under \`bench/.work/\` (git-ignored) and reused while the corpus is unchanged.
The core is bundled and minified by esbuild as the extension ships it; the CLI and the extension are the \`dist/\`
bundles (rebuilt first when older than \`src/\`); the peers run as their packages ship.`;

export const SECTIONS: { id: string; title: string; text: string }[] = [
  { id: 'lint', title: 'Lint one post', text: `*Ours*: \`lintPost(parsePost(text), { config: defaultConfig(), entities })\` — parse plus all 13 rules, with the
corpus's entity index for \`entity-variant\`. *Peer*: \`markdownlint\`'s \`lint({ strings })\` from \`markdownlint/sync\`
with its default rules, on the same string. *Floor*: ${FLOOR_DESCRIPTION}. Linearity is the exponent *k* in
time ∝ size^k between the 1 MiB and the 10 MiB post.` },
  { id: 'cli', title: 'Lint a blog from the CLI', text: `Wall time of a child process each, alternating: \`node dist/cli.js lint posts\` and
\`node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs "posts/**/*.md"\` (the package's bin, without the
\`npx\` start-up), both from the blog's folder, both printing every problem (discarded). One untimed round first
(page cache). markdownlint-cli2 would need far longer than the whole bench for the 10,000-post blog, so by default it
runs on every 40th post (250 posts) beside ours on the same files, and its time for all 10,000 is estimated as 40×
that (linting is per file); \`--full\` measures it. Our CLI runs once on all 10,000. Each run also reports its CPU time
(user + system, from \`process.resourceUsage()\` at exit, preloaded with \`--require\`) and peak resident memory: on a
loaded machine the CPU-time ratio is the steadier one.` },
  { id: 'index', title: 'Workspace entity index', text: `*Ours* does what the extension's \`WorkspaceIndex\` does, synchronously: read each file whole, decode it,
\`EntityIndex.updateText\` (only the front matter is parsed). *Floor*: \`fs.readFileSync\` of the same files (bytes,
no decoding). The head-only row reads at most 8 KB per file (more until the front matter closes), which is all an
index needs. *gray-matter* reads each file as text and parses its front matter with js-yaml, with an options object
so its module-level cache stays off (otherwise repeated rounds would be cache hits). The update row re-reads one
30 KB post into the full index, alternating two versions so that values really change.` },
  { id: 'completion', title: 'Front-matter completion', text: `\`completeFrontMatter(text, offset, index, config)\` on the 10,000-post index at list items (tags, people,
companies_orgs; with and without a typed prefix) and scalar values (category, speaker), in the largest real post.
"Index unchanged" is the common case while typing; "after the index changed" times the first completion after an
\`updateText\` of another post, which drops and rebuilds the grouped entity tables.` },
  { id: 'render', title: 'Preview render', text: `*Ours*: \`renderPost(text, { diagnostics })\` (post model, markdown-it with the line/English/problem annotations,
header card, sanitize-html), from the shipped \`dist/render.js\` when built. *Floor*: markdown-it's bare
\`render(body)\` with the site's options (\`html: true\`, indented code off). The DOM patch loads
\`dist/webview/preview.js\` and \`media/preview.css\` in headless Chromium (playwright-core, the system Chromium),
renders the post, then alternates two one-word edits of a paragraph in the middle: *patch* is the webview's own
figure (its \`rendered\` message), *layout* a forced layout right after it.` },
  { id: 'start', title: 'Extension start', text: `Stubbed, not a real host: each sample is a fresh \`node\` that installs a no-op \`vscode\` module (through
\`require.cache\`), \`require\`s \`dist/extension.js\` and calls \`activate()\` with a fake context. It shows what the
bundle costs to load and what \`activate()\` does synchronously; the real host adds its own work around it.` },
  { id: 'memory', title: 'Memory', text: '' },
  { id: 'host', title: 'Real VS Code (integration suite)', text: `These exist only in a real VS Code, so the integration suite (\`npm run test:integration\`) measures them and
writes \`artifacts/host-timings.json\` (\`{ "when", "host", "vscode", "timings": { "<what>": number | number[] } }\`);
\`npm run bench\` reports the latest file it finds and does not start VS Code itself.` },
  { id: 'misses', title: 'Misses: by how much, why, and what would close them', text: '' },
];
