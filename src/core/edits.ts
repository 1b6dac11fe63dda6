// Building English blocks as text, in the blog's styles A and B.
import { escapeHtml } from './text';

export type BlockStyleName = 'A' | 'B';

/**
 * The text of an English block holding `english` (already one paragraph), without a trailing newline,
 * and the offset inside it where the English starts (for placing the cursor).
 */
export function englishBlockText(english: string, style: BlockStyleName, label: string, eol: string, escape = false): { text: string; cursor: number } {
  const body = escape ? escapeHtml(english) : english;
  if (style === 'B') {
    const head = `<details>${eol}<summary>${label}</summary>${eol}${eol}`;
    return { text: `${head}${body}${eol}${eol}</details>`, cursor: head.length };
  }
  const head = `<details>${eol}<summary>${label}</summary>${eol}<p class="english-text">`;
  return { text: `${head}${body}</p>${eol}</details>`, cursor: head.length };
}
