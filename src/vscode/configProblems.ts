// Problems in the blog's .bilingual-posts.json, shown as diagnostics on that file (and once as a warning when it cannot be read at all).
import * as vscode from 'vscode';
import type { ConfigProblem } from '../core';
import type { Services } from './services';

export const CONFIG_SOURCE = 'bilingual-posts config';

/** Where a problem is in the file: the key its path names (`severity.foo` is the "foo" inside "severity"), else the JSON error's position. */
export function locateProblem(text: string, p: ConfigProblem): { start: number; end: number } {
  if (p.path === '') {
    // V8: "... in JSON at position 12" or "... (line 2 column 3)".
    const pos = /at position (\d+)/.exec(p.message);
    const lc = /\(line (\d+) column (\d+)\)/.exec(p.message);
    let at = pos ? Number(pos[1]) : -1;
    if (at < 0 && lc) {
      let line = 1, i = 0;
      while (line < Number(lc[1]) && i !== -1) { i = text.indexOf('\n', i) + 1 || -1; line++; }
      at = i === -1 ? text.length : i + Number(lc[2]) - 1;
    }
    if (at < 0 || at > text.length) return { start: 0, end: Math.min(text.length, 1) };
    return { start: Math.min(at, text.length), end: Math.min(text.length, at + 1) };
  }
  let from = 0, hit: { start: number; end: number } | undefined;
  for (const seg of p.path.split('.')) {
    const i = text.indexOf(JSON.stringify(seg), from);
    if (i === -1) break;
    hit = { start: i, end: i + JSON.stringify(seg).length };
    from = hit.end;
  }
  return hit ?? { start: 0, end: Math.min(text.length, 1) };
}

class ConfigProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(CONFIG_SOURCE);
  private readonly subs: vscode.Disposable[] = [];
  /** Files already announced as unreadable (with that message), so a reload does not pop the warning again. */
  private readonly announced = new Map<string, string>();
  private generation = 0;

  constructor(private readonly services: Services) {
    this.subs.push(this.collection, services.config.onDidChange(() => void this.refresh()));
    void services.config.ready().then(() => this.refresh());
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const next = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const { problems, file } = this.services.config.problemsFor(folder.uri);
      if (!file || !problems.length) continue;
      let text = '';
      try { text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file)); } catch { /* deleted meanwhile: positions fall back to the start */ }
      const diagnostics = problems.map(p => {
        const { start, end } = locateProblem(text, p);
        const range = rangeIn(text, start, end);
        // A file that is not JSON at all is ignored whole: an error. A bad setting is skipped, the rest applies: a warning.
        const d = new vscode.Diagnostic(range, p.path === '' ? `${p.message} The blog's settings are not used until it is fixed; the defaults and your VS Code settings apply.` : `${p.path}: ${p.message} This setting is ignored.`,
          p.path === '' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = CONFIG_SOURCE;
        return d;
      });
      next.set(file.toString(), { uri: file, diagnostics });
      const fatal = problems.find(p => p.path === '');
      if (fatal && this.announced.get(file.toString()) !== fatal.message) {
        this.announced.set(file.toString(), fatal.message);
        void vscode.window.showWarningMessage(`Bilingual Posts: ${vscode.workspace.asRelativePath(file)} cannot be read (${fatal.message}); the defaults apply until it is fixed.`, 'Open It').then(choice => {
          if (choice) void vscode.window.showTextDocument(file);
        });
      } else if (!fatal) this.announced.delete(file.toString());
    }
    if (generation !== this.generation) return; // a newer reload finished first
    this.collection.clear();
    for (const { uri, diagnostics } of next.values()) this.collection.set(uri, diagnostics);
    for (const key of [...this.announced.keys()]) if (!next.has(key)) this.announced.delete(key);
  }

  dispose(): void { for (const s of this.subs) s.dispose(); }
}

/** A range from offsets in the file's text (positions count UTF-16 units, as VS Code does). */
function rangeIn(text: string, start: number, end: number): vscode.Range {
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return new vscode.Position(line, o - (before.lastIndexOf('\n') + 1));
  };
  return new vscode.Range(pos(start), pos(end));
}

export function registerConfigProblems(services: Services): vscode.Disposable {
  return new ConfigProblems(services);
}
