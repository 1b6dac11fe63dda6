// Quick fixes for the core diagnostics, "fix all" as source.fixAll.bilingualPosts, and the Fix All command.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { CODES, fixAll, type Diagnostic, type Fix } from '../core';
import { relocateFix, type FixKey, type TextChange } from '../core/relocate';
import { toWorkspaceEdit } from './convert';
import { linterOf, SOURCE, type Linter } from './diagnostics';
import type { Services } from './services';

/** For `editor.codeActionsOnSave`: { "source.fixAll.bilingualPosts": "explicit" }. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('bilingualPosts');
/** Internal: puts the cursor where a fix says it belongs, once its edit is applied. */
export const SET_CURSOR_COMMAND = 'bilingual.setCursor';
export const FIX_ALL_COMMAND = 'bilingual.fixAll';

/** A fix-all action whose edit is computed only when it is chosen (fix-all lints the post several times). */
class FixAllAction extends vscode.CodeAction {
  constructor(readonly doc: vscode.TextDocument, readonly version: number, title: string, kind: vscode.CodeActionKind) { super(title, kind); }
}

/**
 * A quick fix whose edit is made when it is picked, not when the light bulb is drawn: by then the author may have
 * typed, and edits computed for the old text would land at the wrong offsets (VS Code applies them as given).
 */
class FixAction extends vscode.CodeAction {
  constructor(readonly doc: vscode.TextDocument, readonly version: number, readonly key: FixKey, readonly fix: Fix, vd: vscode.Diagnostic) {
    super(fix.title, vscode.CodeActionKind.QuickFix);
    this.diagnostics = [vd];
    this.isPreferred = fix.preferred === true;
  }
}

/** The recent changes of each open document, so a fix picked a few keystrokes late can find its problem again. */
class ChangeLog implements vscode.Disposable {
  private static readonly KEEP = 500;
  private readonly log = new Map<string, { version: number; changes: TextChange[] }[]>();
  private readonly subs = [
    vscode.workspace.onDidChangeTextDocument(e => {
      if (!e.contentChanges.length) return;
      const key = e.document.uri.toString();
      const list = this.log.get(key) ?? [];
      list.push({ version: e.document.version, changes: e.contentChanges.map(c => ({ offset: c.rangeOffset, length: c.rangeLength, inserted: c.text.length })) });
      if (list.length > ChangeLog.KEEP) list.splice(0, list.length - ChangeLog.KEEP);
      this.log.set(key, list);
    }),
    vscode.workspace.onDidCloseTextDocument(d => this.log.delete(d.uri.toString())),
  ];

  /** The changes from `version` to `now`, in order; undefined when they were not all seen. */
  since(doc: vscode.TextDocument, version: number): TextChange[] | undefined {
    const list = (this.log.get(doc.uri.toString()) ?? []).filter(x => x.version > version);
    if (list.length !== doc.version - version || list.some((x, i) => x.version !== version + i + 1)) return undefined;
    return list.flatMap(x => x.changes);
  }

  dispose(): void { for (const s of this.subs) s.dispose(); this.log.clear(); }
}

class QuickFixProvider implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly services: Services, private readonly linter: Linter, private readonly changes: ChangeLog) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const only = context.only;
    if (only && only.contains(FIX_ALL_KIND)) {
      // Offered only when the post has something fixable, so "Source Action..." does not list a no-op.
      const result = this.linter.lintNow(doc, true);
      return result && fixableCount(result.diagnostics) ? [new FixAllAction(doc, doc.version, l10n.t('Fix all auto-fixable Bilingual Posts problems'), FIX_ALL_KIND)] : [];
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter(d => d.source === SOURCE && typeof d.code === 'string' && (CODES as readonly string[]).includes(d.code));
    if (!ours.length) return [];
    // Offsets must come from this very version of the text; large files with a stale lint offer nothing until it refreshes.
    const result = this.linter.lintNow(doc);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const vd of ours) {
      const core = matchDiagnostic(vd, result.diagnostics);
      if (!core) continue;
      for (const fix of core.fixes) actions.push(new FixAction(doc, doc.version, { code: core.code, message: core.message, start: core.start, end: core.end, title: fix.title }, fix, vd));
    }
    // With several fixable problems in the post, offer to fix them all in one go (as ESLint does).
    const fixable = fixableCount(result.diagnostics);
    if (actions.length && fixable > 1) actions.push(new FixAllAction(doc, doc.version, l10n.t`Fix all ${fixable} auto-fixable problems in this post`, vscode.CodeActionKind.QuickFix));
    return actions;
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (action instanceof FixAllAction && !action.edit && !action.doc.isClosed && action.doc.version === action.version) {
      action.edit = fixAllEdit(this.services, this.linter, action.doc)?.edit;
    }
    if (action instanceof FixAction && !action.edit && !action.doc.isClosed) {
      const doc = action.doc;
      let fix: Fix | undefined = action.fix;
      if (doc.version !== action.version) {
        // The text changed since the light bulb: the same problem's fix, found again where the changes moved it.
        const changes = this.changes.since(doc, action.version);
        const result = changes && this.linter.lintNow(doc, true);
        fix = changes && result ? relocateFix(action.key, changes, result.diagnostics, action.fix) : undefined;
      }
      if (!fix) {
        vscode.window.setStatusBarMessage(l10n.t('Bilingual Posts: the text changed under this fix, so it was not applied.'), 5000);
        return action;
      }
      action.edit = toWorkspaceEdit(doc, fix.edits);
      if (fix.cursor !== undefined) action.command = { command: SET_CURSOR_COMMAND, title: l10n.t('Place the cursor'), arguments: [doc.uri.toString(), fix.cursor] };
    }
    return action;
  }
}

function fixableCount(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter(d => d.fixes.some(f => f.preferred)).length;
}

/**
 * The core diagnostic behind an editor diagnostic: same code, message and range (one block can have two problems
 * of one code on the same range, e.g. no `</p>` and no `</details>`), else the same code and message on the same line.
 */
export function matchDiagnostic(vd: vscode.Diagnostic, diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  const r = vd.range;
  const sameCode = diagnostics.filter(d => d.code === vd.code);
  const sameRange = (d: Diagnostic) => d.range.start.line === r.start.line && d.range.start.character === r.start.character
    && d.range.end.line === r.end.line && d.range.end.character === r.end.character;
  const sameLine = (d: Diagnostic) => d.range.start.line === r.start.line;
  const sameMessage = (d: Diagnostic) => d.message === vd.message;
  return sameCode.find(d => sameRange(d) && sameMessage(d)) ?? sameCode.find(sameRange)
    ?? sameCode.find(d => sameLine(d) && sameMessage(d)) ?? sameCode.find(sameLine);
}

/** Every preferred fix of the post as one WorkspaceEdit (one undo step); undefined when nothing is fixable. */
export function fixAllEdit(services: Services, linter: Linter, doc: vscode.TextDocument): { edit: vscode.WorkspaceEdit; applied: number } | undefined {
  const result = linter.lintNow(doc, true);
  if (!result || !fixableCount(result.diagnostics)) return undefined;
  const fixed = fixAll(doc.getText(), { config: result.config, entities: services.index.index, file: doc.uri.toString() });
  // One small edit per fixed place rather than one replacement of the changed middle: the cursor and folds stay put.
  return fixed.edits.length ? { edit: toWorkspaceEdit(doc, fixed.edits), applied: fixed.applied } : undefined;
}

export function registerQuickFixes(services: Services): vscode.Disposable {
  const linter = linterOf(services);
  const changes = new ChangeLog();
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  return vscode.Disposable.from(
    changes,
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixProvider(services, linter, changes), QuickFixProvider.metadata),
    vscode.commands.registerCommand(SET_CURSOR_COMMAND, (uri: string, offset: number) => {
      const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri);
      if (!editor || typeof offset !== 'number') return;
      const pos = editor.document.positionAt(offset);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, async (): Promise<number> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return 0;
      const all = fixAllEdit(services, linter, editor.document);
      if (!all) { vscode.window.setStatusBarMessage(l10n.t('Bilingual Posts: nothing to fix automatically in this post.'), 4000); return 0; }
      const ok = await vscode.workspace.applyEdit(all.edit);
      if (ok) vscode.window.setStatusBarMessage(all.applied === 1 ? l10n.t('Bilingual Posts: fixed 1 problem.') : l10n.t`Bilingual Posts: fixed ${all.applied} problems.`, 4000);
      return ok ? all.applied : 0;
    }),
  );
}
