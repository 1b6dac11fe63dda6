// The workspace entity index, built in the background after activation and kept current as files change.
import * as vscode from 'vscode';
import { EntityIndex } from '../core';
import type { BlogConfig } from './blogConfig';

export class WorkspaceIndex implements vscode.Disposable {
  index: EntityIndex;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private building: Promise<void> | undefined;

  constructor(private readonly config: BlogConfig) {
    this.index = new EntityIndex(this.currentConfig());
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.subs.push(watcher, this.emitter,
      watcher.onDidCreate(u => this.refreshFile(u)),
      watcher.onDidChange(u => this.refreshFile(u)),
      watcher.onDidDelete(u => { this.index.remove(u.toString()); this.emitter.fire(); }),
      vscode.workspace.onDidSaveTextDocument(d => { if (d.languageId === 'markdown') { this.index.updateText(d.uri.toString(), d.getText()); this.emitter.fire(); } }),
      config.onDidChange(() => { this.index.setConfig(this.currentConfig()); this.emitter.fire(); }),
    );
  }

  private currentConfig() {
    const f = vscode.workspace.workspaceFolders?.[0];
    return f ? this.config.forUri(f.uri) : this.config.forUri(vscode.Uri.parse('untitled:none'));
  }

  /** Starts (once) the background build; resolves when every post has been read. */
  ready(): Promise<void> {
    if (!this.building) this.building = this.build();
    return this.building;
  }

  private async build(): Promise<void> {
    await this.config.ready();
    this.index.setConfig(this.currentConfig());
    const files = await vscode.workspace.findFiles('**/*.md', '**/node_modules/**');
    const decoder = new TextDecoder();
    const batch = 32;
    for (let i = 0; i < files.length; i += batch) {
      await Promise.all(files.slice(i, i + batch).map(async u => {
        try { this.index.updateText(u.toString(), decoder.decode(await vscode.workspace.fs.readFile(u))); } catch { /* unreadable: skipped */ }
      }));
    }
    this.emitter.fire();
  }

  private async refreshFile(u: vscode.Uri): Promise<void> {
    try {
      const bytes = await vscode.workspace.fs.readFile(u);
      this.index.updateText(u.toString(), new TextDecoder().decode(bytes));
    } catch { this.index.remove(u.toString()); }
    this.emitter.fire();
  }

  dispose(): void { for (const d of this.subs) d.dispose(); }
}
