// Entity list commands: add the value under the cursor to the blog's entity lists, rename a value across every
// post, add the entities a post mentions (also a code action), and rebuild or inspect the workspace index.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import {
  addMentionedEntities, CONFIG_FILE, frontMatterValueAt, LineIndex, mentionKeys, parsePost,
  renameValueEdits, type Mention, type Post, type TextEdit,
} from '../core';
import { addEntityToConfig, ConfigFileError, renameEntityInConfig } from '../core/entityConfig';
import { toWorkspaceEdit } from './convert';
import { SECTION } from './blogConfig';
import { isMarkdown, type Services } from './services';

export const ADD_ENTITIES_REFACTOR = vscode.CodeActionKind.Refactor.append('bilingual').append('addEntities');
export const ADD_ENTITIES_SOURCE = vscode.CodeActionKind.Source.append('bilingual').append('addEntities');

const ADD_MENTIONED = 'bilingual.addMentionedEntities';
const ADD_TO_LIST = 'bilingual.addToEntityList';
const RENAME = 'bilingual.renameEntity';
const REBUILD = 'bilingual.rebuildEntityIndex';
/** Not in the palette: what the index holds, for tests and troubleshooting. */
const INFO = 'bilingual.entityIndexInfo';

interface Found { version: number; generation: number; mentions: Mention[]; edits: TextEdit[] }

function describe(mentions: readonly Mention[]): string {
  const names = mentions.map(m => m.name);
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function fmEndLine(post: Post): number { return post.frontMatter ? post.lines.lineAt(Math.max(post.frontMatter.start, post.frontMatter.end - 1)) : -1; }

export function registerEntityCommands(services: Services): vscode.Disposable {
  const cache = new Map<string, Found>();
  const mentionsOf = (doc: vscode.TextDocument): Found => {
    const key = doc.uri.toString();
    const idx = services.index.index;
    const hit = cache.get(key);
    if (hit && hit.version === doc.version && hit.generation === idx.generation) return hit;
    const r = addMentionedEntities(services.posts.get(doc), idx, services.config.forUri(doc.uri));
    const found = { version: doc.version, generation: idx.generation, ...r };
    cache.set(key, found);
    return found;
  };

  const provider: vscode.CodeActionProvider = {
    provideCodeActions(doc, range, context) {
      if (!isMarkdown(doc)) return undefined;
      const post = services.posts.get(doc);
      if (!post.frontMatter?.closed) return undefined;
      const inFm = range.start.line <= fmEndLine(post);
      const kinds = [...(inFm ? [ADD_ENTITIES_REFACTOR] : []), ADD_ENTITIES_SOURCE].filter(k => !context.only || context.only.contains(k));
      if (!kinds.length) return undefined;
      const found = mentionsOf(doc);
      if (!found.edits.length) return undefined;
      return kinds.map(kind => {
        const a = new vscode.CodeAction(l10n.t`Add entities mentioned in this post: ${describe(found.mentions)}`, kind);
        a.edit = toWorkspaceEdit(doc, found.edits);
        return a;
      });
    },
  };

  const editorFor = async (uri?: string | vscode.Uri): Promise<vscode.TextEditor | undefined> => {
    if (!uri) return vscode.window.activeTextEditor;
    const u = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const open = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === u.toString());
    return open ?? vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u), { preview: false });
  };

  /** The key and value at the cursor (or the selected text, for a value written in the body). */
  const valueAtCursor = async (editor: vscode.TextEditor): Promise<{ key: string; value: string } | undefined> => {
    const doc = editor.document;
    const post = services.posts.get(doc);
    const offset = doc.offsetAt(editor.selection.active);
    const at = post.frontMatter && frontMatterValueAt(post.frontMatter, offset);
    const selected = editor.selection.isEmpty ? '' : doc.getText(editor.selection).trim();
    if (selected && !/\n/.test(selected)) {
      const config = services.config.forUri(doc.uri);
      const key = at && mentionKeys(config).concat(['tags', 'project']).includes(at.entry.key) ? at.entry.key
        : await vscode.window.showQuickPick(config.schema.keys.filter(k => k.entity).map(k => ({ label: k.key, description: k.description })), { title: l10n.t`Which list is "${selected}" in?` }).then(p => p?.label);
      return key ? { key, value: selected } : undefined;
    }
    if (!at || at.value === undefined) {
      void vscode.window.showInformationMessage(l10n.t('Put the cursor on a front-matter value (a list item such as a company or a tag), or select a name in the text.'));
      return undefined;
    }
    return { key: at.entry.key, value: at.value };
  };

  const folderOf = (uri: vscode.Uri | undefined): vscode.Uri | undefined =>
    (uri && vscode.workspace.getWorkspaceFolder(uri)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;

  const readConfig = async (folder: vscode.Uri): Promise<{ uri: vscode.Uri; doc?: vscode.TextDocument }> => {
    const uri = vscode.Uri.joinPath(folder, CONFIG_FILE);
    try { await vscode.workspace.fs.stat(uri); } catch { return { uri }; }
    return { uri, doc: await vscode.workspace.openTextDocument(uri) };
  };
  const fullRange = (doc: vscode.TextDocument) => new vscode.Range(0, 0, doc.lineCount, 0);

  async function addToEntityList(args?: { key?: string; value?: string; aliasOf?: string; uri?: string }): Promise<{ key: string; name: string; alias?: string } | undefined> {
    let key = args?.key, value = args?.value?.trim();
    const editor = args?.uri ? await editorFor(args.uri) : vscode.window.activeTextEditor;
    if (!key || !value) {
      if (!editor) return undefined;
      const at = await valueAtCursor(editor);
      if (!at) return undefined;
      ({ key, value } = at);
    }
    const folder = folderOf(editor?.document.uri);
    if (!folder || !value) { void vscode.window.showWarningMessage(l10n.t('Open the blog folder to keep entity lists in its .bilingual-posts.json.')); return undefined; }
    const config = services.config.forUri(folder);
    const listed = config.entities[key] ?? {};
    if (value in listed) { void vscode.window.showInformationMessage(l10n.t`"${value}" is already in the ${key} list.`); return { key, name: value }; }
    const aliasedBy = Object.entries(listed).find(([, aliases]) => aliases.includes(value!));
    if (aliasedBy) { void vscode.window.showInformationMessage(l10n.t`"${value}" is already an alias of "${aliasedBy[0]}".`); return { key, name: aliasedBy[0], alias: value }; }
    let aliasOf = args?.aliasOf;
    if (aliasOf === undefined && !args?.value) {
      await services.index.ready();
      const canonical = services.index.index.canonical(key, value);
      if (canonical && canonical !== value) {
        const pick = await vscode.window.showQuickPick([
          { label: l10n.t`Add "${value}" as an alias of "${canonical}"`, alias: canonical },
          { label: l10n.t`Add "${value}" as a new name`, alias: '' },
        ], { title: l10n.t`${key}: the blog spells "${value}" as "${canonical}"` });
        if (!pick) return undefined;
        aliasOf = pick.alias || undefined;
      }
    }
    const { uri, doc } = await readConfig(folder);
    let after: string;
    try { after = aliasOf ? addEntityToConfig(doc?.getText(), key, aliasOf, value) : addEntityToConfig(doc?.getText(), key, value); } catch (e) {
      if (e instanceof ConfigFileError) { void vscode.window.showErrorMessage(e.message); return undefined; }
      throw e;
    }
    const edit = new vscode.WorkspaceEdit();
    if (doc) edit.replace(uri, fullRange(doc), after);
    else edit.createFile(uri, { contents: new TextEncoder().encode(after) });
    if (!await vscode.workspace.applyEdit(edit)) return undefined;
    // The config takes effect from disk (the CLI reads it too), so the change is saved at once.
    await (doc ?? await vscode.workspace.openTextDocument(uri)).save();
    void vscode.window.setStatusBarMessage(aliasOf ? l10n.t`Added "${value}" as an alias of "${aliasOf}"` : l10n.t`Added "${value}" to the ${key} list`, 4000);
    return aliasOf ? { key, name: aliasOf, alias: value } : { key, name: value };
  }

  async function renameEntity(args?: { key?: string; from?: string; to?: string; preview?: boolean; uri?: string }): Promise<{ files: number; edits: number; applied: boolean } | undefined> {
    let key = args?.key, from = args?.from;
    const editor = args?.uri ? await editorFor(args.uri) : vscode.window.activeTextEditor;
    if (!key || !from) {
      if (!editor) return undefined;
      const at = await valueAtCursor(editor);
      if (!at) return undefined;
      ({ key, value: from } = at);
    }
    // Every post that uses the value must be known: a rename right after opening the blog waits for the index.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('Reading the posts') }, () => services.index.ready());
    const index = services.index.index;
    const files = new Set(index.filesOf(key, from));
    // The open post may not be saved (or indexed) yet.
    for (const d of vscode.workspace.textDocuments) if (isMarkdown(d) && d.isDirty) files.add(d.uri.toString());
    if (editor && isMarkdown(editor.document)) files.add(editor.document.uri.toString());
    const k = key, f = from;
    const to = args?.to ?? await vscode.window.showInputBox({
      title: l10n.t`Rename the ${k} value "${f}" in every post`, value: f, valueSelection: [0, f.length],
      prompt: l10n.t`${index.filesOf(k, f).length} post(s) use "${f}"`,
      validateInput: v => !v.trim() ? l10n.t('The new name cannot be empty.') : v.trim() === f ? l10n.t('Type a different name.') : /\n/.test(v) ? l10n.t('One line only.') : undefined,
    });
    if (!to || !to.trim() || to.trim() === from) return undefined;
    const newName = to.trim();
    const preview = args?.preview ?? vscode.workspace.getConfiguration(SECTION).get<boolean>('previewRename', false);
    const meta: vscode.WorkspaceEditEntryMetadata = { label: l10n.t`Rename "${from}" to "${newName}"`, needsConfirmation: preview };
    const edit = new vscode.WorkspaceEdit();
    let count = 0, edits = 0;
    const open = new Map(vscode.workspace.textDocuments.map(d => [d.uri.toString(), d]));
    for (const file of files) {
      const uri = vscode.Uri.parse(file);
      let text: string;
      const doc = open.get(file);
      try { text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)); } catch { continue; }
      const post = parsePost(text);
      const es = renameValueEdits(post, key, from, newName);
      if (!es.length) continue;
      const lines: LineIndex = post.lines;
      for (const e of es) {
        const s = lines.positionAt(e.start), t = lines.positionAt(e.end);
        edit.replace(uri, new vscode.Range(s.line, s.character, t.line, t.character), e.newText, meta);
      }
      count++; edits += es.length;
    }
    const folder = folderOf(editor?.document.uri ?? (files.size ? vscode.Uri.parse([...files][0]) : undefined));
    if (folder && from in (services.config.forUri(folder).entities[key] ?? {})) {
      const { uri, doc } = await readConfig(folder);
      if (doc) {
        try {
          const after = renameEntityInConfig(doc.getText(), key, from, newName);
          if (after !== doc.getText()) { edit.replace(uri, fullRange(doc), after, meta); edits++; }
        } catch (e) { if (!(e instanceof ConfigFileError)) throw e; }
      }
    }
    if (!edits) { void vscode.window.showInformationMessage(l10n.t`No post lists "${from}" under ${key}.`); return { files: 0, edits: 0, applied: false }; }
    // isRefactoring: VS Code saves the posts that were not open (files.refactoring.autoSave), so the index follows.
    const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    return { files: count, edits, applied };
  }

  async function addMentioned(uri?: string | vscode.Uri): Promise<{ key: string; name: string }[]> {
    const editor = await editorFor(uri);
    if (!editor || !isMarkdown(editor.document)) return [];
    await services.index.ready();
    const found = mentionsOf(editor.document);
    if (!found.edits.length) { void vscode.window.setStatusBarMessage(l10n.t('No known entity is missing from the front matter.'), 4000); return []; }
    await vscode.workspace.applyEdit(toWorkspaceEdit(editor.document, found.edits));
    return found.mentions.map(m => ({ key: m.key, name: m.name }));
  }

  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, { providedCodeActionKinds: [ADD_ENTITIES_REFACTOR, ADD_ENTITIES_SOURCE] }),
    vscode.workspace.onDidCloseTextDocument(d => cache.delete(d.uri.toString())),
    vscode.commands.registerCommand(ADD_MENTIONED, addMentioned),
    vscode.commands.registerCommand(ADD_TO_LIST, addToEntityList),
    vscode.commands.registerCommand(RENAME, renameEntity),
    vscode.commands.registerCommand(REBUILD, async () => {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('Rebuilding the entity index') }, () => services.index.rebuild(false));
      const s = services.index.stats;
      void vscode.window.setStatusBarMessage(l10n.t`Entity index: ${s.files} posts in ${s.buildMs} ms`, 5000);
      return s;
    }),
    vscode.commands.registerCommand(INFO, async (args?: { key?: string; value?: string; reopen?: boolean; wait?: boolean }) => {
      if (args?.wait !== false) await services.index.ready();
      // "reopen": save the snapshot and load it back as a new session would, re-reading only changed files.
      if (args?.reopen) { await services.index.save(); await services.index.rebuild(true); }
      const idx = services.index.index;
      return {
        stats: services.index.stats,
        generation: idx.generation,
        entities: args?.key && !args.value ? idx.entities(args.key) : undefined,
        entity: args?.key && args.value ? idx.entity(args.key, args.value) ?? null : undefined,
        files: args?.key && args.value ? idx.filesOf(args.key, args.value) : undefined,
      };
    }),
  );
}
