// The shared services every feature adapter receives: config, parse cache and workspace index.
import * as vscode from 'vscode';
import { BlogConfig } from './blogConfig';
import { PostCache } from './postCache';
import { WorkspaceIndex } from './workspaceIndex';

export interface Services {
  context: vscode.ExtensionContext;
  config: BlogConfig;
  posts: PostCache;
  index: WorkspaceIndex;
}

export function createServices(context: vscode.ExtensionContext): Services & vscode.Disposable {
  const config = new BlogConfig();
  const posts = new PostCache();
  const index = new WorkspaceIndex(config, context.storageUri);
  return { context, config, posts, index, dispose: () => { index.dispose(); posts.dispose(); config.dispose(); } };
}

/** Whether a document is a Markdown file the extension works on. */
export function isMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown';
}
