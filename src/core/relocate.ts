// Finding a diagnostic's fix again after the text changed, so a fix chosen late is applied where its problem now is, or not at all.
import type { Diagnostic, Fix } from './diagnostics';

/** One change as the editor reports it: `length` characters at `offset` replaced by `inserted` characters. */
export interface TextChange { offset: number; length: number; inserted: number }

/**
 * Maps [start, end) of the old text through changes (in the order they happened) to the new text. Undefined when a
 * change touched the range itself: the text the problem was found in is not the same text any more.
 */
export function mapRange(start: number, end: number, changes: readonly TextChange[]): { start: number; end: number } | undefined {
  for (const c of changes) {
    const cEnd = c.offset + c.length;
    if (c.length > 0 ? c.offset < end && cEnd > start : c.offset > start && c.offset < end) return undefined;
    // Text inserted right before the range (or at a zero-width range) pushes it along; right after it, leaves it.
    if (cEnd <= start) { start += c.inserted - c.length; end += c.inserted - c.length; }
  }
  return { start, end };
}

/** What identifies a fix across versions: its diagnostic's code, message and place, and the fix's own title. */
export interface FixKey { code: string; message: string; start: number; end: number; title: string }

/**
 * The same fix in a fresh lint of the changed text: same code, message and title, at the mapped place, with edits that
 * insert the same text. Undefined when the problem's text was edited, or the problem is gone.
 */
export function relocateFix(key: FixKey, changes: readonly TextChange[], diagnostics: readonly Diagnostic[], oldFix: Fix): Fix | undefined {
  const moved = mapRange(key.start, key.end, changes);
  if (!moved) return undefined;
  const newTexts = oldFix.edits.map(e => e.newText).join('\u0000');
  for (const d of diagnostics) {
    if (d.code !== key.code || d.message !== key.message || d.start !== moved.start || d.end !== moved.end) continue;
    const fix = d.fixes.find(f => f.title === key.title && f.edits.map(e => e.newText).join('\u0000') === newTexts);
    if (fix) return fix;
  }
  return undefined;
}
