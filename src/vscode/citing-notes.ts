// Show Notes Citing This Paper: from the tree (a paper node) and the webview (an id); from the palette (no
// argument) the reference under the cursor, else a pick of cached papers. The hover's link runs a separate,
// unlisted, argument-free command that acts on the paper of that hover, once (a stale hover must never decide
// what the palette command acts on). Lists the notes; picking one opens it.
import * as vscode from 'vscode';
import type { CitationServices } from './citation-services';
import { paperIdFromArg } from '../core/papers/paper-ids';
import { pickPaper } from './insert-citation';
import { SHOW_CITING_HOVERED } from './paper-markdown';

export const SHOW_CITING_NOTES = 'paperNotes.showCitingNotes';

function paperIdAtCursor(cite: CitationServices): string | undefined {
  const e = vscode.window.activeTextEditor;
  if (!e) return undefined;
  const ref = cite.refAt(e.document, e.selection.active);
  return ref ? (cite.paperOf(ref)?.id ?? ref.id) : undefined;
}

async function showCitingNotes(cite: CitationServices, id: string | undefined): Promise<vscode.Uri[] | undefined> {
  id ??= paperIdAtCursor(cite) ?? (await pickPaper(cite, vscode.l10n.t('Show Notes Citing This Paper')))?.id;
  if (!id) return undefined;
  if (!cite.notes) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The notes index is not available yet: try again in a moment.'));
    return undefined;
  }
  await cite.notes.settled();
  const uris = cite.notes.notesCiting(id);
  const paper = (await cite.papers()).byId(id);
  const name = paper ? paper.title.replace(/\s+/g, ' ') : `arXiv:${id}`;
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No notes cite {0} yet.', name));
    return uris;
  }
  const picked = await vscode.window.showQuickPick(
    uris.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: `Notes citing ${name}`, placeHolder: `${uris.length} note${uris.length === 1 ? '' : 's'}` },
  );
  if (picked) await vscode.window.showTextDocument(picked.uri);
  return uris;
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_CITING_NOTES, (arg?: unknown) => showCitingNotes(cite, paperIdFromArg(arg))),
    // Only reachable from the hover's link, which exists only while that hover is shown: its paper is the last
    // hovered one. Consumed on use.
    vscode.commands.registerCommand(SHOW_CITING_HOVERED, () => {
      const id = cite.lastHoveredPaperId;
      cite.lastHoveredPaperId = undefined;
      return showCitingNotes(cite, id);
    }),
  );
}
