// Extension entry point: composes the feature adapters; each register*() returns a Disposable.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bilingual.ping', () => 'pong'));
}

export function deactivate(): void {
  // Nothing to tear down beyond context.subscriptions.
}
