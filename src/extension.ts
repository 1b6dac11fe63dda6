// Extension entry point: composes the feature adapters; each register*() returns a Disposable.
import * as vscode from 'vscode';
import { useL10nBundle } from './core/l10n';
import { createServices } from './vscode/services';
import { registerPreview } from './vscode/preview';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerQuickFixes } from './vscode/quickFixes';
import { registerStatusBar } from './vscode/statusBar';
import { registerNavigation } from './vscode/navigation';
import { registerReport } from './vscode/report';
import { registerCompletion } from './vscode/completion';
import { registerHover } from './vscode/hover';
import { registerEntityCommands } from './vscode/entityCommands';
import { registerNewPost } from './vscode/newPost';
import { registerAuthoring } from './vscode/authoring';
import { registerFolding } from './vscode/folding';
import { registerSymbols } from './vscode/symbols';
import { registerConfigProblems } from './vscode/configProblems';

export function activate(context: vscode.ExtensionContext): void {
  // Core builds diagnostics and fix titles without the vscode API: hand it the display language's bundle first.
  useL10nBundle(vscode.l10n.bundle);
  const services = createServices(context);
  context.subscriptions.push(
    services,
    vscode.commands.registerCommand('bilingual.ping', () => 'pong'),
    registerPreview(services),
    registerDiagnostics(services),
    registerQuickFixes(services),
    registerStatusBar(services),
    registerNavigation(services),
    registerReport(services),
    registerCompletion(services),
    registerHover(services),
    registerEntityCommands(services),
    registerNewPost(services),
    registerAuthoring(services),
    registerFolding(services),
    registerSymbols(services),
    registerConfigProblems(services),
  );
  // The index builds in the background: activation never waits for it.
  void services.index.ready();
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
