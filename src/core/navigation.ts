// Moving between missing translations: the next or previous gap from a cursor offset, wrapping at the ends.
import type { Gap } from './coverage';

export interface GapHit { gap: Gap; index: number; wrapped: boolean }

/**
 * The first gap that starts after `offset` (so a cursor inside or at the start of a gap moves on to the next
 * one). With `wrap`, past the last gap it comes back to the first. Gaps are in document order.
 */
export function nextGap(gaps: readonly Gap[], offset: number, wrap = true): GapHit | undefined {
  for (let i = 0; i < gaps.length; i++) if (gaps[i].start > offset) return { gap: gaps[i], index: i, wrapped: false };
  return wrap && gaps.length ? { gap: gaps[0], index: 0, wrapped: true } : undefined;
}

/**
 * The last gap that ends at or before `offset`: a cursor inside a gap skips it (at its end it goes to its start),
 * mirroring nextGap, so previous-then-next returns to where one started.
 */
export function previousGap(gaps: readonly Gap[], offset: number, wrap = true): GapHit | undefined {
  for (let i = gaps.length - 1; i >= 0; i--) if (gaps[i].end <= offset && gaps[i].start < offset) return { gap: gaps[i], index: i, wrapped: false };
  // A gap that holds the cursor is skipped; from the first gap, wrap to the last one.
  return wrap && gaps.length ? { gap: gaps[gaps.length - 1], index: gaps.length - 1, wrapped: true } : undefined;
}
