// Open Abstract…: pick a cached paper and open its abstract — the abstract webview reached from the palette or the
// walkthrough, where there is no tree item to click.
import * as vscode from 'vscode';
import { openAbstract, type CitationServices } from './citation-services';
import { pickPaper } from './insert-citation';

export const OPEN_ABSTRACT = 'paperNotes.openAbstract';

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_ABSTRACT, async () => {
      const paper = await pickPaper(cite, vscode.l10n.t('Open Abstract'));
      return paper ? openAbstract(paper.id) : undefined;
    }),
  );
}
