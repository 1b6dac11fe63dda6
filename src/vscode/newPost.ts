// The "New Bilingual Post" command: asks for the source URL, title and speaker and writes the post.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { newPostFileName, newPostText } from '../core';
import type { Services } from './services';

const NEW_POST = 'bilingual.newPost';

interface NewPostArgs { source?: string; title?: string; speaker?: string; folder?: string; date?: string }

/** The most used value of a scalar key among the schema's values, so the new post follows the blog's habit. */
function habit(services: Services, key: string, allowed: readonly string[] | undefined): string | undefined {
  const used = services.index.index.entities(key).filter(e => e.count > 0 && (!allowed?.length || allowed.includes(e.name)));
  return used[0]?.name;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}

export function registerNewPost(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_POST, async (arg?: NewPostArgs | vscode.Uri): Promise<string | undefined> => {
    // From the Explorer's context menu the argument is the folder clicked.
    const args: NewPostArgs = arg instanceof vscode.Uri ? { folder: arg.toString() } : arg ?? {};
    const prompted = args.title === undefined;
    const source = args.source ?? await vscode.window.showInputBox({
      title: l10n.t('New Bilingual Post (1/3): source'), prompt: l10n.t('URL of the original talk or video (leave empty if none)'), placeHolder: 'https://www.youtube.com/watch?v=…', ignoreFocusOut: true,
      validateInput: v => !v.trim() || /^https?:\/\/\S+$/.test(v.trim()) ? undefined : l10n.t('A URL starting with http:// or https://'),
    });
    if (source === undefined) return undefined;
    const title = args.title ?? await vscode.window.showInputBox({
      title: l10n.t('New Bilingual Post (2/3): title'), prompt: l10n.t('The post title, in Chinese'), ignoreFocusOut: true,
      validateInput: v => v.trim() ? undefined : l10n.t('The title cannot be empty.'),
    });
    if (!title?.trim()) return undefined;
    const speakers = services.index.index.entities('speaker').slice(0, 3).map(e => e.name);
    const speaker = args.speaker ?? await vscode.window.showInputBox({
      title: l10n.t('New Bilingual Post (3/3): speaker'), prompt: l10n.t('Who gave the talk (the channel or the person); several names separated by commas'), ignoreFocusOut: true,
      placeHolder: speakers.length ? l10n.t`e.g. ${speakers.join(', ')}` : undefined,
    });
    if (speaker === undefined) return undefined;

    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = args.folder ? vscode.Uri.parse(args.folder)
      : active && active.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(active) ? vscode.Uri.joinPath(active, '..')
      : vscode.workspace.workspaceFolders?.[0]?.uri;
    const config = services.config.forUri(folder ?? vscode.Uri.parse('untitled:new'));
    const spec = (k: string) => config.schema.keys.find(s => s.key === k);
    const date = args.date ? new Date(`${args.date}T12:00:00`) : new Date();
    const input = {
      title, source, speaker, date,
      layout: habit(services, 'layout', spec('layout')?.values),
      status: habit(services, 'status', spec('status')?.values),
    };
    const { text, cursor } = newPostText(input, config);

    if (!folder) {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(doc.positionAt(cursor), doc.positionAt(cursor));
      return doc.uri.toString();
    }
    const name = newPostFileName(input);
    let uri = vscode.Uri.joinPath(folder, name);
    for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(folder, name.replace(/\.md$/, `-${n}.md`));
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { contents: new TextEncoder().encode(text) });
    if (!await vscode.workspace.applyEdit(edit)) { void vscode.window.showErrorMessage(l10n.t`Could not create ${vscode.workspace.asRelativePath(uri)}.`); return undefined; }
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const at = doc.positionAt(cursor);
    editor.selection = new vscode.Selection(at, at);
    if (prompted) void vscode.window.setStatusBarMessage(l10n.t`Created ${vscode.workspace.asRelativePath(uri)}`, 4000);
    return uri.toString();
  });
}
