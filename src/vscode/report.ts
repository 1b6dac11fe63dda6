// The workspace report: every post with its coverage and problem counts, worst first, in a tree that opens posts at the problem.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import {
  compareWorst, isExcluded, lintPost, looksLikePost, parsePost, statusText, summarizePost, translationPlan,
  type Diagnostic, type PostSummary, type Severity,
} from '../core';
import { linterOf, type LintResult, type Linter } from './diagnostics';
import type { Services } from './services';

export const REPORT_VIEW = 'bilingualPosts.report';
export const SHOW_REPORT_COMMAND = 'bilingual.showWorkspaceReport';
export const REFRESH_REPORT_COMMAND = 'bilingual.refreshWorkspaceReport';
/** Internal: opens a post with the cursor at a position (what the report's items run). */
export const OPEN_AT_COMMAND = 'bilingual.openReportItem';

interface Problem { code: string; message: string; severity: Severity; line: number; character: number; endLine: number; endCharacter: number }

interface Row {
  uri: vscode.Uri;
  path: string;
  title?: string;
  summary: PostSummary;
  problems: Problem[];
  focus?: { line: number; character: number };
}

/** What the show-report command returns: the rows in report order, as plain data. */
export interface ReportEntry {
  uri: string; path: string; title?: string; coverage: string; total: number; translated: number; missing: number;
  errors: number; warnings: number; problems: number; focus?: { line: number; character: number };
}

type Node = { kind: 'post'; row: Row } | { kind: 'problem'; row: Row; problem: Problem };

const BATCH = 16;

function problemOf(d: Diagnostic): Problem {
  return { code: d.code, message: d.message, severity: d.severity, line: d.range.start.line, character: d.range.start.character, endLine: d.range.end.line, endCharacter: d.range.end.character };
}

function titleOf(result: Pick<LintResult, 'post'>): string | undefined {
  const t = result.post.frontMatter?.entries.find(e => e.key === 'title');
  return t && t.value.kind === 'scalar' && typeof t.value.value === 'string' ? t.value.value : undefined;
}

class Report implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly rows = new Map<string, Row>();
  private sorted: Row[] = [];
  private building: Promise<void> | undefined;
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services, private readonly linter: Linter) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.subs.push(watcher, this.emitter,
      // Open posts follow the editor; closed ones follow the disk.
      linter.onDidLint(uri => { if (this.building) this.updateOpen(uri); }),
      watcher.onDidCreate(u => this.updateClosed(u)),
      watcher.onDidChange(u => this.updateClosed(u)),
      watcher.onDidDelete(u => { if (this.rows.delete(u.toString())) this.changed(); }),
      services.config.onDidChange(() => { if (this.building) void this.rebuild(); }),
    );
  }

  /** Builds the report once (on first view or command); later calls wait for that build. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  rebuild(): Promise<void> {
    // After any build in flight, so two builds never fill the rows at once.
    const prev = this.building ?? Promise.resolve();
    this.building = prev.catch(() => undefined).then(() => this.build());
    return this.building;
  }

  entries(): ReportEntry[] {
    return this.sorted.map(r => ({
      uri: r.uri.toString(), path: r.path, title: r.title, coverage: r.summary.coverage, total: r.summary.total,
      translated: r.summary.translated, missing: r.summary.missing, errors: r.summary.errors, warnings: r.summary.warnings,
      problems: r.summary.problems, focus: r.focus,
    }));
  }

  private async build(): Promise<void> {
    await vscode.window.withProgress({ location: { viewId: REPORT_VIEW }, title: l10n.t('Linting posts') }, async () => {
      await Promise.all([this.services.config.ready(), this.services.index.ready()]);
      const files = await vscode.workspace.findFiles('**/*.md', '**/node_modules/**');
      this.rows.clear();
      for (let i = 0; i < files.length; i += BATCH) {
        await Promise.all(files.slice(i, i + BATCH).map(u => this.compute(u)));
        // Give the extension host back between batches: a blog can have thousands of posts.
        await new Promise(r => setTimeout(r, 0));
      }
      this.resort();
    });
  }

  private async compute(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
    let row: Row | undefined;
    try {
      row = open ? this.rowOf(this.linter.lintNow(open, true)) : await this.rowFromDisk(uri);
    } catch { row = undefined; /* unreadable or not a post: left out */ }
    if (row) this.rows.set(key, row); else this.rows.delete(key);
  }

  private async rowFromDisk(uri: vscode.Uri): Promise<Row | undefined> {
    const config = this.services.config.forUri(uri);
    if (isExcluded(vscode.workspace.asRelativePath(uri, false), config)) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const post = parsePost(text);
    if (!looksLikePost(post) && !this.services.config.problemsFor(uri).file) return undefined;
    const diagnostics = lintPost(post, { config, entities: this.services.index.index, file: uri.toString() });
    return this.rowOf({ uri, post, diagnostics, plan: translationPlan(post, config.translationMode) });
  }

  private rowOf(r: Pick<LintResult, 'uri' | 'post' | 'diagnostics' | 'plan'> | undefined): Row | undefined {
    if (!r) return undefined;
    const summary = summarizePost(r.plan, r.diagnostics);
    const focus = summary.focus === undefined ? undefined : r.post.lines.positionAt(summary.focus);
    return { uri: r.uri, path: vscode.workspace.asRelativePath(r.uri, false), title: titleOf(r), summary, problems: r.diagnostics.map(problemOf), focus };
  }

  private updateOpen(uri: vscode.Uri): void {
    const result = this.linter.latest(uri);
    const key = uri.toString();
    if (result) this.rows.set(key, this.rowOf(result)!);
    else if (vscode.workspace.textDocuments.some(d => d.uri.toString() === key)) this.rows.delete(key);
    else return; // closed: its row now follows the file on disk
    this.changed();
  }

  private async updateClosed(uri: vscode.Uri): Promise<void> {
    if (!this.building || vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString())) return;
    await this.compute(uri);
    this.changed();
  }

  private changed(): void {
    // Bursts of saves or lints re-sort once.
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => { this.refreshTimer = undefined; this.resort(); }, 300);
  }

  private resort(): void {
    this.sorted = [...this.rows.values()].sort((a, b) => compareWorst(a.summary, b.summary) || a.path.localeCompare(b.path));
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): vscode.ProviderResult<Node[]> {
    if (!node) return this.ready().then(() => this.sorted.map(row => ({ kind: 'post' as const, row })));
    if (node.kind === 'post') return node.row.problems.map(problem => ({ kind: 'problem' as const, row: node.row, problem }));
    return [];
  }

  /** The reveal API needs it; items carry ids, so a fresh node stands for the one the view holds. */
  getParent(node: Node): Node | undefined {
    return node.kind === 'problem' ? { kind: 'post', row: node.row } : undefined;
  }

  /** The worst post's node, once the rows are built. */
  first(): Node | undefined {
    const row = this.sorted[0];
    return row && { kind: 'post', row };
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'post') {
      const { row } = node;
      const s = row.summary;
      const item = new vscode.TreeItem(row.path.split('/').pop() ?? row.path, row.problems.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = row.uri.toString();
      item.description = statusText(s);
      item.tooltip = new vscode.MarkdownString(l10n.t('**{0}**\n\n{1}\n\n{2}: {3} error(s), {4} warning(s), {5} missing translation(s)', row.title ?? row.path, row.path, statusText(s), s.errors, s.warnings, s.missing));
      item.iconPath = s.errors ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : s.missing || s.warnings ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('pass');
      item.contextValue = 'post';
      const at = row.focus ?? { line: 0, character: 0 };
      item.command = { command: OPEN_AT_COMMAND, title: l10n.t('Open at the worst problem'), arguments: [row.uri.toString(), at.line, at.character] };
      return item;
    }
    const { row, problem: p } = node;
    const item = new vscode.TreeItem(p.message, vscode.TreeItemCollapsibleState.None);
    item.id = `${row.uri.toString()}#${p.line}:${p.character}:${p.code}`;
    item.description = l10n.t`${p.code} [Ln ${p.line + 1}]`;
    item.tooltip = l10n.t('{0}\n\n{1}, line {2}', p.message, p.code, p.line + 1);
    item.iconPath = new vscode.ThemeIcon(p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info');
    item.command = { command: OPEN_AT_COMMAND, title: l10n.t('Open at the problem'), arguments: [row.uri.toString(), p.line, p.character, p.endLine, p.endCharacter] };
    return item;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const s of this.subs) s.dispose();
  }
}

async function openAt(uri: string, line: number, character: number, endLine = line, endCharacter = character): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const start = doc.validatePosition(new vscode.Position(line, character));
  const end = doc.validatePosition(new vscode.Position(endLine, endCharacter));
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerReport(services: Services): vscode.Disposable {
  const report = new Report(services, linterOf(services));
  const view = vscode.window.createTreeView(REPORT_VIEW, { treeDataProvider: report, showCollapseAll: true });
  return vscode.Disposable.from(report, view,
    vscode.commands.registerCommand(SHOW_REPORT_COMMAND, async (): Promise<ReportEntry[]> => {
      await vscode.commands.executeCommand('setContext', 'bilingualPosts.postsSeen', true);
      await report.ready();
      await vscode.commands.executeCommand(`${REPORT_VIEW}.focus`);
      const e = report.entries();
      view.message = e.length ? undefined : l10n.t('No posts in this workspace.');
      // `.focus` lands on whatever the view shows at that moment (its welcome text while the rows are still
      // coming), which the rows then replace, leaving the keyboard nowhere. Focusing the worst post puts the
      // keys in the list, where arrows and Enter work.
      const first = report.first();
      if (first) await view.reveal(first, { focus: true, select: false }).then(undefined, () => undefined);
      return e;
    }),
    vscode.commands.registerCommand(REFRESH_REPORT_COMMAND, async () => { await report.rebuild(); return report.entries(); }),
    vscode.commands.registerCommand(OPEN_AT_COMMAND, openAt),
  );
}
