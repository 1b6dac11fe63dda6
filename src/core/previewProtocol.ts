// The messages between the preview adapter (extension host) and the preview webview; typed once for both sides.

/** What the webview reports about itself: the tests read it through the bilingual.preview.testHook command. */
export interface PreviewState {
  /** Version of the document the shown HTML was rendered from. */
  version: number;
  uri: string;
  /** `<details data-english>` elements on the page, how many are open, and all details on the page. */
  englishBlocks: number;
  openEnglish: number;
  details: number;
  sideBySide: boolean;
  /** Source line at the top of the viewport (fractional), and the line the editor last asked to show. */
  topLine: number;
  scrolledTo?: number;
  /** Problems marked on the page (elements with data-problem). */
  problems: number;
  /** The answer to a test.probe: elements matching its selector (and text), with their data-line. */
  probe?: { id: number; count: number; lines: number[]; topLine: number };
}

/** Saved by the webview (vscode.setState) so a reload or a window reload restores the preview. */
export interface SavedState {
  uri?: string;
  topLine?: number;
  sideBySide?: boolean;
  /** Source lines of the English blocks the author had open. */
  openLines?: number[];
}

export type HostMessage =
  /**
   * A new render: the whole HTML, or (`edit`) the change from the HTML of the previous render message `base`:
   * html = previous.slice(0, start) + text + previous.slice(end). A keystroke changes a few hundred bytes of a page
   * that can be half a megabyte.
   */
  | { type: 'render'; id: number; version: number; uri: string; title: string; html?: string; edit?: { base: number; start: number; end: number; text: string } }
  | { type: 'scrollTo'; line: number }
  | { type: 'setAllOpen'; open: boolean }
  | { type: 'setSideBySide'; on: boolean }
  | { type: 'getState' }
  /** Test input: scroll the page the way a person would (the webview then syncs the editor). */
  | { type: 'test.scrollPreview'; line: number }
  /** Test input: click the block at this source line (or, with summary, the summary of the English block there). */
  | { type: 'test.click'; line: number; double?: boolean; summary?: boolean }
  /** Test input: click a toolbar button, as a person would. */
  | { type: 'test.clickAction'; action: 'toggle-all' | 'side-by-side' }
  /** Test query: which elements match (and contain the text); answered with a 'state' message, reason 'probe'. */
  | { type: 'test.probe'; id: number; selector: string; text?: string };

export type WebviewMessage =
  | { type: 'ready'; saved?: SavedState }
  | { type: 'rendered'; state: PreviewState; patch: PatchStats }
  | { type: 'state'; state: PreviewState; reason: string }
  /** The person scrolled the preview: show this line at the top of the editor. */
  | { type: 'revealLine'; line: number }
  /** The person clicked a block (double: also focus the editor). */
  | { type: 'click'; line: number; double: boolean }
  | { type: 'error'; message: string }
  /** The webview does not have the HTML an edit applies to: the next render must be whole. */
  | { type: 'resync' };

/** What an update did to the page: top-level nodes kept, inserted and removed; ms for the patch, totalMs for the whole message. */
export interface PatchStats { kept: number; inserted: number; removed: number; ms: number; totalMs?: number }

export const PREVIEW_VIEW_TYPE = 'bilingualPosts.preview';
