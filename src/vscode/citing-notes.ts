// Show Notes Citing This Paper: from the tree (a paper node), the webview (an id) and the hover (no argument:
// the last hovered paper, else the reference under the cursor). Lists the notes; picking one opens it.
import * as vscode from 'vscode';
import type { CitationServices } from './citation-services';
import { paperIdFromArg } from './citation-services';
import { SHOW_CITING_HOVERED } from './paper-markdown';

export const SHOW_CITING_NOTES = SHOW_CITING_HOVERED;

function paperIdAtCursor(cite: CitationServices): string | undefined {
  const e = vscode.window.activeTextEditor;
  if (!e) return undefined;
  const ref = cite.refAt(e.document, e.selection.active);
  return ref ? (cite.paperOf(ref)?.id ?? ref.id) : undefined;
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_CITING_NOTES, async (arg?: unknown): Promise<vscode.Uri[] | undefined> => {
      const id = paperIdFromArg(arg) ?? cite.lastHoveredPaperId ?? paperIdAtCursor(cite);
      if (!id || !cite.notes) {
        void vscode.window.showInformationMessage('Pick a paper (tree, abstract or a citation) to list the notes citing it.');
        return undefined;
      }
      await cite.notes.settled();
      const uris = cite.notes.notesCiting(id);
      const paper = (await cite.papers()).byId(id);
      const name = paper ? paper.title.replace(/\s+/g, ' ') : `arXiv:${id}`;
      if (uris.length === 0) {
        void vscode.window.showInformationMessage(`No notes cite ${name} yet.`);
        return uris;
      }
      const picked = await vscode.window.showQuickPick(
        uris.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
        { title: `Notes citing ${name}`, placeHolder: `${uris.length} note${uris.length === 1 ? '' : 's'}` },
      );
      if (picked) await vscode.window.showTextDocument(picked.uri);
      return uris;
    }),
  );
}
