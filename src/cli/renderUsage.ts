// The render subcommand's usage text, apart from render.ts so `lint` and `--help` never load the renderer.
export const RENDER_USAGE = `  bilingual-posts render [-o OUT.html | -o -] [--remote-images] [--no-problems] [--config FILE] POST.md
      Write the preview of a post as a standalone HTML page (default: POST.html next to it; -o - for stdout).
      Remote images stay off unless --remote-images; the page runs no script but its own toggle.`;
