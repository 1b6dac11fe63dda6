// Editor commands that write English blocks: wrap, insert, unwrap, convert alternating paragraphs, convert block style.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import {
  applyPlan, convertStyle, insertEnglish, planAlternating, unwrapEnglish, wrapEnglish,
  type AuthoringResult, type BlockStyleName, type ConvertPlan, type OffsetSelection,
} from '../core';
import { dominantStyle } from '../core/rules/blocks';
import { offsetRange, toWorkspaceEdit } from './convert';
import { isMarkdown, type Services } from './services';

export const WRAP_COMMAND = 'bilingual.wrapInEnglishBlock';
export const INSERT_COMMAND = 'bilingual.insertEnglishBlock';
export const UNWRAP_COMMAND = 'bilingual.unwrapEnglishBlock';
export const CONVERT_ALTERNATING_COMMAND = 'bilingual.convertAlternatingParagraphs';
export const CONVERT_STYLE_COMMAND = 'bilingual.convertBlockStyle';

/** What a command did, returned to callers (tests, macros): whether it changed the document, and what it said. */
export interface CommandOutcome { applied: boolean; messages: string[] }

/** Options a caller may pass; menus pass a Uri instead, which is ignored. */
interface StyleArgs { style?: BlockStyleName; label?: string }
/** How Convert Alternating treats guessed pairs without asking: convert them, skip them, preview, or cancel. */
type AmbiguousChoice = 'all' | 'clear' | 'preview' | 'cancel';

function argsOf<T extends object>(arg: unknown): Partial<T> {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg as Partial<T> : {};
}
function styleOf(v: unknown): BlockStyleName | undefined { return v === 'A' || v === 'B' ? v : undefined; }

function markdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isMarkdown(editor.document)) {
    void vscode.window.showWarningMessage(l10n.t('Bilingual Posts: open a Markdown post in the editor first.'));
    return undefined;
  }
  return editor;
}

function offsetSelections(editor: vscode.TextEditor): OffsetSelection[] {
  const doc = editor.document;
  return editor.selections.map(s => ({ anchor: doc.offsetAt(s.anchor), active: doc.offsetAt(s.active) }));
}

function say(messages: string[], applied: boolean): void {
  if (!messages.length) return;
  const text = messages.length > 1 ? l10n.t`${messages[0]} (and ${messages.length - 1} more)` : messages[0];
  if (applied) void vscode.window.showInformationMessage(text);
  else void vscode.window.showWarningMessage(text);
}

/** Applies a core result as ONE WorkspaceEdit (one undo step) and moves the cursors where the result says. */
async function applyResult(editor: vscode.TextEditor, version: number, result: AuthoringResult): Promise<CommandOutcome> {
  const doc = editor.document;
  if (!result.edits.length) { say(result.messages, false); return { applied: false, messages: result.messages }; }
  if (doc.version !== version) {
    const msg = l10n.t('The post changed while the command ran; nothing was changed. Run it again.');
    say([msg], false);
    return { applied: false, messages: [msg] };
  }
  const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, result.edits));
  if (!ok) return { applied: false, messages: [l10n.t('VS Code refused the edit.')] };
  if (result.selections.length && vscode.window.activeTextEditor?.document === doc) {
    const target = vscode.window.activeTextEditor;
    target.selections = result.selections.map(s => new vscode.Selection(doc.positionAt(s.anchor), doc.positionAt(s.active)));
    target.revealRange(target.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  say(result.messages, true);
  return { applied: true, messages: result.messages };
}

async function run(services: Services, make: (editor: vscode.TextEditor) => AuthoringResult): Promise<CommandOutcome> {
  const editor = markdownEditor();
  if (!editor) return { applied: false, messages: [l10n.t('No Markdown editor.')] };
  await services.config.ready();
  const version = editor.document.version;
  return applyResult(editor, version, make(editor));
}

async function convertAlternating(services: Services, arg: unknown): Promise<CommandOutcome> {
  const editor = markdownEditor();
  if (!editor) return { applied: false, messages: [l10n.t('No Markdown editor.')] };
  await services.config.ready();
  const doc = editor.document;
  const version = doc.version;
  const a = argsOf<{ ambiguous: AmbiguousChoice; style: BlockStyleName }>(arg);
  const plan = planAlternating(services.posts.get(doc), { config: services.config.forUri(doc.uri), style: styleOf(a.style) });
  const notes = plan.notes.map(n => n.message);
  if (!plan.groups.length) {
    const msg = notes.length ? l10n.t`No alternating English and Chinese paragraphs to convert: ${notes[0]}` : l10n.t('No alternating English and Chinese paragraphs to convert (paragraphs that already have a block are left alone).');
    say([msg], false);
    return { applied: false, messages: [msg, ...notes.slice(1)] };
  }
  const guessed = plan.groups.filter(g => g.ambiguity);
  let which: 'all' | 'clear' = 'all';
  if (guessed.length) {
    const choice = a.ambiguous ?? await ask(plan);
    if (!choice || choice === 'cancel') return { applied: false, messages: [l10n.t('Cancelled.')] };
    if (choice === 'preview') return preview(doc, plan);
    which = choice;
  }
  const result = applyPlan(plan, which, offsetSelections(editor));
  const done = plan.groups.length - (which === 'clear' ? guessed.length : 0);
  const zhFirst = plan.order === 'zh-first';
  result.messages = [done === 1
    ? (zhFirst ? l10n.t('Converted 1 English/Chinese pair (Chinese first) into English blocks.') : l10n.t('Converted 1 English/Chinese pair (English first) into English blocks.'))
    : (zhFirst ? l10n.t`Converted ${done} English/Chinese pairs (Chinese first) into English blocks.` : l10n.t`Converted ${done} English/Chinese pairs (English first) into English blocks.`),
    ...(which === 'clear' ? guessed.map(g => l10n.t`Skipped ${g.ambiguity ?? ''}`) : []), ...notes];
  return applyResult(editor, version, result);
}

/** Asks how to treat guessed pairs, listing them; a modal, so nothing changes before the author decides. */
async function ask(plan: ConvertPlan): Promise<AmbiguousChoice | undefined> {
  const guessed = plan.groups.filter(g => g.ambiguity);
  const shown = guessed.slice(0, 8).map(g => `• ${g.ambiguity}`);
  if (guessed.length > shown.length) shown.push(l10n.t`• … and ${guessed.length - shown.length} more`);
  const which = `${plan.notes.slice(0, 3).map(n => n.message.split(':')[0]).join(', ')}${plan.notes.length > 3 ? ', …' : ''}`;
  const notes = !plan.notes.length ? '' : '\n\n' + (plan.notes.length > 1 ? l10n.t`Left as is: ${plan.notes.length} paragraphs (${which}).` : l10n.t`Left as is: 1 paragraph (${which}).`);
  const all = l10n.t('Convert All'), clear = l10n.t('Only the Clear Pairs'), look = l10n.t('Preview (guesses unchecked)…');
  const pick = await vscode.window.showWarningMessage(
    l10n.t`Convert ${plan.groups.length} English/Chinese pairs into English blocks? ${guessed.length} of them are guesses:`,
    { modal: true, detail: shown.join('\n') + notes }, all, clear, look);
  return pick === all ? 'all' : pick === clear ? 'clear' : pick === look ? 'preview' : undefined;
}

/** The Refactor Preview: clear pairs pre-checked, guessed pairs marked for confirmation; one edit when applied. */
async function preview(doc: vscode.TextDocument, plan: ConvertPlan): Promise<CommandOutcome> {
  const edit = new vscode.WorkspaceEdit();
  for (const g of plan.groups) {
    const meta: vscode.WorkspaceEditEntryMetadata = g.ambiguity
      ? { needsConfirmation: true, label: l10n.t('Guessed pairing: check it'), description: g.ambiguity }
      : { needsConfirmation: false, label: l10n.t('English/Chinese pairs'), description: l10n.t`line ${g.line + 1}` };
    edit.replace(doc.uri, offsetRange(doc, g.edit.start, g.edit.end), g.edit.newText, meta);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  return { applied, messages: applied ? [l10n.t('Applied from the preview.')] : [l10n.t('Preview discarded.')] };
}

async function convertBlockStyle(services: Services, arg: unknown): Promise<CommandOutcome> {
  const editor = markdownEditor();
  if (!editor) return { applied: false, messages: [l10n.t('No Markdown editor.')] };
  await services.config.ready();
  const doc = editor.document;
  const version = doc.version;
  const post = services.posts.get(doc);
  const counts = { A: post.english.filter(e => e.style === 'A').length, B: post.english.filter(e => e.style === 'B').length };
  let to = styleOf(arg) ?? styleOf(argsOf<{ style: BlockStyleName }>(arg).style);
  if (!to) {
    const current = dominantStyle(post);
    type Item = vscode.QuickPickItem & { style: BlockStyleName };
    const items: Item[] = [
      { style: 'A', label: l10n.t('Style A'), description: '<p class="english-text">…</p> inside <details>', detail: counts.A === 1 ? l10n.t('1 block in this post uses it') : l10n.t`${counts.A} blocks in this post use it` },
      { style: 'B', label: l10n.t('Style B'), description: l10n.t('Markdown paragraphs between blank lines inside <details>'), detail: counts.B === 1 ? l10n.t('1 block in this post uses it') : l10n.t`${counts.B} blocks in this post use it` },
    ];
    if (current === 'A') items.reverse();
    const pick = await vscode.window.showQuickPick(items, { title: l10n.t('Convert every English block of this post to…'), placeHolder: l10n.t('The English is kept exactly; one undo step.') });
    if (!pick) return { applied: false, messages: [l10n.t('Cancelled.')] };
    to = pick.style;
  }
  const result = convertStyle(post, to, services.config.forUri(doc.uri), offsetSelections(editor));
  if (!result.edits.length) {
    const msg = post.english.length ? l10n.t`Nothing to convert: every English block that can be converted is already style ${to}.` : l10n.t('Nothing to convert: this post has no English blocks.');
    result.messages.unshift(msg);
  } else result.messages.unshift(result.edits.length === 1 ? l10n.t`Converted 1 English block to style ${to}.` : l10n.t`Converted ${result.edits.length} English blocks to style ${to}.`);
  return applyResult(editor, version, result);
}

export function registerAuthoring(services: Services): vscode.Disposable {
  const style = (editor: vscode.TextEditor, arg: unknown) => {
    const a = argsOf<StyleArgs>(arg);
    return { config: services.config.forUri(editor.document.uri), style: styleOf(a.style), label: typeof a.label === 'string' ? a.label : undefined };
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(WRAP_COMMAND, (arg?: unknown) =>
      run(services, e => wrapEnglish(services.posts.get(e.document), offsetSelections(e), style(e, arg)))),
    vscode.commands.registerCommand(INSERT_COMMAND, (arg?: unknown) =>
      run(services, e => insertEnglish(services.posts.get(e.document), offsetSelections(e), style(e, arg)))),
    vscode.commands.registerCommand(UNWRAP_COMMAND, () =>
      run(services, e => unwrapEnglish(services.posts.get(e.document), offsetSelections(e)))),
    vscode.commands.registerCommand(CONVERT_ALTERNATING_COMMAND, (arg?: unknown) => convertAlternating(services, arg)),
    vscode.commands.registerCommand(CONVERT_STYLE_COMMAND, (arg?: unknown) => convertBlockStyle(services, arg)),
  );
}
