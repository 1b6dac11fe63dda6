// Tokenizes Markdown with VS Code's Markdown grammar plus our injection (vscode-textmate + vscode-oniguruma), for the grammar tests.
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { REPO } from './realPosts';

const GRAMMARS = path.join(REPO, 'test', 'fixtures', 'grammars');
const FILES: Record<string, string> = {
  'text.html.markdown': path.join(GRAMMARS, 'markdown.tmLanguage.json'),
  'text.html.basic': path.join(GRAMMARS, 'html.tmLanguage.json'),
  'text.html.derivative': path.join(GRAMMARS, 'html-derivative.tmLanguage.json'),
  'text.html.markdown.bilingual': path.join(REPO, 'syntaxes', 'bilingual.injection.tmLanguage.json'),
};

export interface Token { text: string; scopes: string[] }
export type TokenizedLine = Token[];

let onig: Promise<void> | undefined;
const registries = new Map<boolean, vsctm.Registry>();

async function getRegistry(withInjection: boolean): Promise<vsctm.Registry> {
  onig ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  })();
  await onig;
  let reg = registries.get(withInjection);
  if (!reg) {
    reg = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        // The front-matter rule only exists when its YAML grammar resolves; an empty one keeps it, as in the editor.
        if (scopeName === 'source.yaml') return vsctm.parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), 'yaml.json');
        const file = FILES[scopeName];
        if (!file) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
      // As package.json's grammars contribution does with injectTo.
      getInjections: (scopeName: string) => (withInjection && scopeName === 'text.html.markdown' ? ['text.html.markdown.bilingual'] : undefined),
    });
    registries.set(withInjection, reg);
  }
  return reg;
}

/** Tokenizes a whole document line by line, carrying the grammar state across lines as the editor does. */
export async function tokenize(text: string, withInjection = true): Promise<TokenizedLine[]> {
  const reg = await getRegistry(withInjection);
  const grammar = await reg.loadGrammar('text.html.markdown');
  if (!grammar) throw new Error('Markdown grammar not found in test/fixtures/grammars');
  const out: TokenizedLine[] = [];
  let state = vsctm.INITIAL;
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, state);
    out.push(r.tokens.map(t => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the token that covers the first occurrence of `needle` in a tokenized line. */
export function scopesAt(line: TokenizedLine, needle: string): string[] {
  const text = line.map(t => t.text).join('');
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in line "${text}"`);
  let pos = 0;
  for (const t of line) {
    if (at >= pos && at < pos + t.text.length) return t.scopes;
    pos += t.text.length;
  }
  return [];
}

/** Whether any token of the line carries a scope starting with `scope`. */
export function lineHas(line: TokenizedLine, scope: string): boolean {
  return line.some(t => t.scopes.some(s => s === scope || s.startsWith(scope + '.')));
}
