// Localised core strings (diagnostic messages, fix titles, status words): @vscode/l10n's t(), whose bundle the editor
// sets from vscode.l10n.bundle at activation and the CLI from --lang / LANG. Without a bundle every string is English.
import * as l10n from '@vscode/l10n';

export type L10nBundle = l10n.l10nJsonFormat;

/** Makes every l10n.t() use `contents` (a bundle.l10n.<lang>.json) from now on; undefined means English. */
export function useL10nBundle(contents: L10nBundle | undefined): void {
  l10n.config({ contents: contents ?? {} });
}
