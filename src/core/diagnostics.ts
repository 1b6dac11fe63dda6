// Diagnostic and fix types shared by the rules, the CLI and the editor adapters.
import type { Code, Config, Severity } from './config';
import type { EntityIndex } from './entities';
import type { Post } from './post';
import type { Range, TextEdit } from './text';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Offered by fix-all and as the preferred quick fix. */
  preferred?: boolean;
  /** Where the cursor belongs after the fix, as an offset in the text after the edits. */
  cursor?: number;
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  range: Range;
  fixes: Fix[];
}

export interface LintContext {
  config: Config;
  /** The workspace's entity index; entity-variant needs it (or configured entity lists). */
  entities?: EntityIndex;
  /** The post's own path, so the index's counts can leave it out where that matters. */
  file?: string;
}

/** What a rule reports before severities are applied. */
export type Finding = Omit<Diagnostic, 'severity' | 'range'>;

export type Rule = (post: Post, ctx: LintContext) => Finding[];
