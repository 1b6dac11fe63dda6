// Extension entry point: composes the feature adapters; each register*() returns a Disposable.
import * as vscode from 'vscode';
import { createServices } from './vscode/services';

export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  context.subscriptions.push(
    services,
    vscode.commands.registerCommand('bilingual.ping', () => 'pong'),
  );
  // The index builds in the background: activation never waits for it.
  void services.index.ready();
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
