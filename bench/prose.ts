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
runs on every 50th post (200 posts) beside ours on the same files, and its time for all 10,000 is estimated as 50×
that (linting is per file); \`--full\` measures it. Our CLI runs once on all 10,000. Each run also reports its CPU time
(user + system, from \`process.resourceUsage()\` at exit, preloaded with \`--require\`) and peak resident memory: on a
loaded machine the CPU-time ratio is the steadier one.` },
  { id: 'index', title: 'Workspace entity index', text: `*Ours* does what the extension's \`WorkspaceIndex\` does for each post, synchronously here: read the
file whole, decode only its front matter (\`frontMatterByteLength\` finds the closing fence in the bytes; the whole
file only when the front matter is not closed), then \`EntityIndex.updateText\` (which reads only the indexed keys,
in one pass when they are flat YAML). *Floor*: \`fs.readFileSync\` of the same files (bytes, no decoding). The
second row decodes every whole file instead, to show what decoding costs. *gray-matter* reads
each file as text and parses its front matter with js-yaml, with an options object so its module-level cache stays
off (otherwise repeated rounds would be cache hits). The update row re-reads one 30 KB post into the full index,
alternating two versions so that values really change.` },
  { id: 'completion', title: 'Front-matter completion', text: `\`completeFrontMatter(text, offset, index, config)\` on the 10,000-post index at list items (tags, people,
companies_orgs; with and without a typed prefix) and scalar values (category, speaker), in the largest real post.
"Index unchanged" is the common case while typing; "after the index changed" times the first completion after an
\`updateText\` of another post, which drops and rebuilds the grouped entity tables.` },
  { id: 'render', title: 'Preview render', text: `*Ours*: \`renderPost(text, { diagnostics })\` (post model, markdown-it with the line/English/problem annotations,
header card, the sanitizer of \`src/core/sanitize.ts\` over the post's raw HTML), from the shipped \`dist/render.js\` when built. *Floor*: markdown-it's bare
\`render(body)\` with the site's options (\`html: true\`, indented code off). The DOM patch loads
\`dist/webview/preview.js\` and \`media/preview.css\` in headless Chromium (playwright-core, the system Chromium),
renders the post, then alternates two one-word edits of a paragraph in the middle: *patch* is the webview's own
figure (its \`rendered\` message), *layout* a forced layout right after it.` },
  { id: 'start', title: 'Extension start', text: `Stubbed, not a real host: each sample is a fresh \`node\` that installs a no-op \`vscode\` module (through
\`require.cache\`), \`require\`s \`dist/extension.js\` and calls \`activate()\` with a fake context. It shows what the
bundle costs to load and what \`activate()\` does synchronously; the real host adds its own work around it.` },
  { id: 'memory', title: 'Memory', text: `The index figure is the heap held by a 10,000-post index with its entity tables and completion caches
filled, after a warm-up cycle on 500 posts (so compiled code and one-time tables are not counted). Churn: every
post's list values are changed (a suffix per round) and re-indexed, round after round, then every post is removed;
a structure that only grows would be higher after every round. gray-matter's figure is its module-level cache after
parsing the same 10,000 posts with default options. The 10 MiB post's figures are the parsed model and then the
model plus its diagnostics, beside the text itself.` },
  { id: 'host', title: 'Real VS Code (integration suite)', text: `These exist only in a real VS Code, so the integration suite (\`npm run test:integration\`) measures them and
writes \`artifacts/host-timings.json\` (\`{ "when", "host", "vscode", "timings": { "<what>": number | number[] } }\`);
\`npm run bench\` reports the latest file it finds and does not start VS Code itself.` },
  { id: 'misses', title: 'Misses: by how much, why, and what would close them', text: '' },
];

/**
 * Why a target is missed and what would close it, for each table row (by the start of its "what"); shown under
 * "Misses" only when that row misses in the run. Written from profiles (`node --cpu-prof`) of this code.
 */
export const WHY: { what: string; text: string }[] = [
  { what: 'lint one post: beside the floor', text: `The floor is one native \`split\` and one anchored regex per line; the
linter builds a model with exact ranges for every block and pairs each English block with its paragraph. The parser
now settles a line by its first character (most lines start with a Han character and need none of the block
regexes), reads canonical style-A blocks by offsets, and the rules skip well-formed blocks after one check; what is
left is the per-block model objects (≈ 15 % garbage collection at 10 MiB) and \`chinese-in-english\`, which must
look at English text for Han characters. A miss here on a loaded machine is load: the per-round ratio's p10 shows
the unloaded cost.` },
  { what: 'lint one post: beside markdownlint', text: `markdownlint's own time grows faster than the size (≈ 1 s at 230 KB,
≈ 5 s at 1 MiB on a quiet machine; a 10 MiB post does not finish within the bench's limit), so the ratio grows with size; at 1 MiB it is set by our absolute time, so
it closes with the parser work above (≈ 19 ms at 1 MiB gives 250×).` },
  { what: 'lint a blog from the CLI', text: `A CLI run is one cold process: for the 60-post corpus about a third of our time is
node start-up and loading the bundle (the renderer in it stays unloaded for \`lint\`), the rest the parser and rules
running before V8 has optimised them; the CLI raises V8's tier-up budget fourfold, since TurboFan compiling code a
60-post run throws away cost a third of its CPU time. markdownlint-cli2 pays its own seconds per MiB. On the whole
10,000-post blog start-up is amortised and the ratio is well over the target. The CLI streams: pass 1 decodes each
post only up to the end of its front matter for the entity index, pass 2 reads, parses, lints and drops one post at a
time, and output goes out in 64 KB writes (≈ 150 MB peak on the 10,000-post blog, was ≈ 1.3 GB). What would close it
on small blogs: a faster cold parse (the front-matter fast path now reads folded values, so the yaml package is
loaded for 1 of the 60 corpus posts, was 8), Node's module compile cache (\`module.enableCompileCache()\`, Node ≥
22.1) for the bundle, and on an idle machine pass 2 split over both cores with worker_threads.` },
  { what: 'build the workspace entity index', text: `The floor reads 30 KB per post at page-cache speed (≈ 15–20 µs). Fixed
in this round (profiled with \`node --cpu-prof\`): only the front matter is decoded (≈ 1.1 KB, was a 16 KB head: a
fifth of the time), the indexed keys are read in one pass straight from the text instead of cutting a reduced
front matter and parsing that (a third of the parse time), a value's posts are one name, then an array, and a set
only past 1,024 posts (a set per value was most of the allocation), a spelling group holds an array, not a map, and
each value is normalised once when it first appears. What remains per post is about 24 lookups in per-key maps of
up to 14,000 spellings, which miss the cache (≈ 40 % of the rest), the scan itself (≈ 20 %) and garbage collection of
what the index keeps (≈ 15 %). What would close it: fewer objects per post (one flat array per file instead of a
record of arrays), integer ids for posts so a value's posts are small-integer arrays the collector skips, and
grouping spellings only when a table is first read. The persisted snapshot (a reopened blog only re-reads changed
files) makes this a first-open cost.` },
  { what: 'preview render', text: `Ours is the floor's markdown-it parse and render plus three things the floor does not do:
the post model (\`parsePost\`, ≈ 15 % of ours; the extension's parse cache usually has it already, see the note
above), the annotation pass (line markers for scroll sync, English-block and problem markers, ≈ 15 %), and the
sanitizer over the post's raw HTML (≈ 20 %: every English block is raw HTML; repeated tags are looked up by their
text). sanitize-html, which re-parsed the whole rendered page, made this 7.8×. What would close the rest: render
per top-level block with a cache keyed by the block's text, so a keystroke re-renders one paragraph, not the post.` },
  { what: 'extension start: bundle size', text: `The breakdown is under "Extension start" above. The renderer
(markdown-it and the sanitizer, \`dist/render.js\`) and the \`yaml\` package (the fallback front-matter parser,
\`dist/yaml.js\`) are loaded on first use; what is left is the core, the editor adapters, \`jsonc-parser\` and the
HTML-entity tables. What would shrink it further: load the command-only code (conversions, report view) lazily.` },
  { what: 'extension start: activate()', text: `activate() is measured against no-op stubs; anything above the target is
synchronous work done before returning (the index build and the config read are meant to be asynchronous).` },
  { what: 'memory: no cache that only grows', text: `What grew was the module-level memo of \`normalizeEntity\` (up to
200,000 spellings before it was cleared), and what it and the index kept alive: V8 makes a slice of 13 or more
characters a view into its parent string, so each value cut from a post held that post's text. Fixed: the index keeps
each value's normalised form with the value and drops both when no post uses it; the memo is 2,048 entries; every
string the index keeps is its own copy; a table nobody reads is dropped before its pending changes pile up. If
this misses again, look for a new structure keyed by spellings that is not released in \`drop()\`.` },
  { what: 'front-matter completion', text: `The median is a fraction of a millisecond. Fixed in this round: each item's
documentation (usage counts, example posts with titles) is built once and kept until the index changes, instead of
at every keystroke for up to 100 items (it was most of the time). The p95 is now set by the positions where few
names start with the typed text (\`companies_orgs\` with "o": 14,000 names), where every name is tried with the
looser word-start match, and by the machine's load (the p10 shows the unloaded cost). What would close the rest: a
per-key index of word starts for the loose match, and documentation resolved lazily (\`resolveCompletionItem\`).` },
  { what: 'update the index after one file changes', text: `An update re-parses one front matter and patches the values
it changed; anything above the target comes from the machine's load, not from the index's size.` },
  { what: 'lint one post: linear in size', text: `After the quadratic \`missing-translation\` fix the remaining growth
is garbage collection of a 10 MiB model; the floor's own ratio at the same sizes shows how much is the runtime's.` },
  { what: 'real VS Code', text: `These come from the integration suite (\`npm run test:integration\`), which has to write
\`artifacts/host-timings.json\` for them to appear here; until then they are pending.` },
];
