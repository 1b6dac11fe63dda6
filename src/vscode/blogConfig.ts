// The effective config per workspace folder: VS Code settings overlaid by the blog's .bilingual-posts.json.
import * as vscode from 'vscode';
import { CODES, CONFIG_FILE, defaultConfig, parseConfig, type Code, type Config, type ConfigProblem, type SeveritySetting } from '../core';

export const SECTION = 'bilingualPosts';

interface FolderConfig { config: Config; problems: ConfigProblem[]; file?: vscode.Uri }

export class BlogConfig implements vscode.Disposable {
  private readonly folders = new Map<string, FolderConfig>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = () => this.reload();
    this.subs.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(SECTION)) this.reload(); }),
      vscode.workspace.onDidChangeWorkspaceFolders(reload), this.emitter);
  }

  /** Resolves once the config files have been read (features wait on it before their first run). */
  ready(): Promise<void> { return this.loading ?? this.reload(); }

  reload(): Promise<void> {
    this.loading = (async () => {
      this.folders.clear();
      for (const f of vscode.workspace.workspaceFolders ?? []) this.folders.set(f.uri.toString(), await this.load(f));
      this.emitter.fire();
    })();
    return this.loading;
  }

  /** The config for a document (its workspace folder's; settings only outside any folder). */
  forUri(uri: vscode.Uri): Config {
    const f = vscode.workspace.getWorkspaceFolder(uri);
    return (f && this.folders.get(f.uri.toString())?.config) ?? this.fromSettings(undefined);
  }

  problemsFor(uri: vscode.Uri): { problems: ConfigProblem[]; file?: vscode.Uri } {
    const f = vscode.workspace.getWorkspaceFolder(uri);
    const fc = f && this.folders.get(f.uri.toString());
    return { problems: fc?.problems ?? [], file: fc?.file };
  }

  private fromSettings(scope: vscode.ConfigurationScope | undefined): Config {
    const s = vscode.workspace.getConfiguration(SECTION, scope);
    const c = defaultConfig();
    const mode = s.get<string>('translationMode');
    if (mode === 'auto' || mode === 'always' || mode === 'never') c.translationMode = mode;
    const labels = s.get<string[]>('acceptedLabels');
    if (Array.isArray(labels) && labels.length) c.acceptedLabels = labels;
    const sev = s.get<Record<string, SeveritySetting>>('severity') ?? {};
    for (const [code, v] of Object.entries(sev)) {
      if ((CODES as readonly string[]).includes(code) && ['error', 'warning', 'info', 'hint', 'off'].includes(v)) c.severity[code as Code] = v;
    }
    return c;
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<FolderConfig> {
    const base = this.fromSettings(folder.uri);
    const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    let bytes: Uint8Array;
    try { bytes = await vscode.workspace.fs.readFile(file); } catch { return { config: base, problems: [] }; }
    // The file wins over settings where it says something: it is the blog's shared truth, also used in CI.
    const { config, problems } = parseConfig(new TextDecoder().decode(bytes), base);
    return { config, problems, file };
  }

  dispose(): void { for (const d of this.subs) d.dispose(); }
}
