// Extension entry point: composes the feature adapters; each register*() returns a Disposable.
import * as vscode from 'vscode';
import { createServices } from './vscode/services';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerQuickFixes } from './vscode/quickFixes';
import { registerStatusBar } from './vscode/statusBar';
import { registerNavigation } from './vscode/navigation';
import { registerReport } from './vscode/report';

export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  context.subscriptions.push(
    services,
    vscode.commands.registerCommand('bilingual.ping', () => 'pong'),
    registerDiagnostics(services),
    registerQuickFixes(services),
    registerStatusBar(services),
    registerNavigation(services),
    registerReport(services),
  );
  // The index builds in the background: activation never waits for it.
  void services.index.ready();
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
