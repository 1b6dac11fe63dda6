// One parse per document version, shared by every feature (diagnostics, folding, symbols, completion, preview).
import * as vscode from 'vscode';
import { parsePost, type Post } from '../core';

export class PostCache implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; post: Post }>();
  private readonly sub: vscode.Disposable;

  constructor() {
    this.sub = vscode.workspace.onDidCloseTextDocument(d => this.cache.delete(d.uri.toString()));
  }

  get(doc: vscode.TextDocument): Post {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.post;
    const post = parsePost(doc.getText());
    this.cache.set(key, { version: doc.version, post });
    return post;
  }

  dispose(): void { this.sub.dispose(); this.cache.clear(); }
}
