// Search Notes by Topic…: a quick pick with live results from the notes index (notes and papers). A note hit
// opens the note at the matching line; a paper hit opens its abstract; a bibliography entry that names no arXiv
// paper (id `bib:KEY`) opens its line in its file.
import * as vscode from 'vscode';
import { ENTRY_ID_PREFIX } from '../core/library';
import { showMessageWithLog } from './log';
import { indexEnabled } from './note-settings';
import type { CitationServices } from './citation-services';
import { openAbstract } from './citation-services';
import type { EditorHit } from './note-index';

export const SEARCH_NOTES = 'paperNotes.searchNotes';

interface HitPick extends vscode.QuickPickItem {
  hit: EditorHit;
}

function pickOf(hit: EditorHit): HitPick {
  const isNote = hit.kind === 'note';
  return {
    hit,
    label: `${isNote ? '$(note)' : '$(book)'} ${hit.title.replace(/\s+/g, ' ')}`,
    description: isNote ? hit.path : hit.id.startsWith(ENTRY_ID_PREFIX) ? `@${hit.id.slice(ENTRY_ID_PREFIX.length)}` : `arXiv:${hit.id}`,
    detail: hit.snippet,
    alwaysShow: true,
  };
}

export async function openHit(cite: CitationServices, hit: EditorHit, query: string): Promise<void> {
  if (hit.kind === 'paper' && hit.id.startsWith(ENTRY_ID_PREFIX)) {
    const entry = cite.library?.byKey(hit.id.slice(ENTRY_ID_PREFIX.length));
    if (!entry) return;
    const editor = await vscode.window.showTextDocument(cite.library!.uriOf(entry), { preview: true });
    const at = new vscode.Position(entry.line, 0);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return;
  }
  if (hit.kind === 'paper') {
    await openAbstract(hit.id);
    return;
  }
  if (!hit.uri) return;
  const line = await cite.notes?.matchLine(hit, query);
  const doc = await vscode.workspace.openTextDocument(hit.uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  if (line !== undefined && line < doc.lineCount) {
    const range = doc.lineAt(line).range;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SEARCH_NOTES, async (initial?: unknown) => {
      const notes = cite.notes;
      if (!notes) return;
      if (!indexEnabled()) {
        const open = vscode.l10n.t('Open Settings');
        const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Search Notes by Topic needs the notes index, which is turned off (paperNotes.index.enabled).'), open);
        if (answer === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'paperNotes.index.enabled');
        return;
      }
      const qp = vscode.window.createQuickPick<HitPick>();
      qp.title = vscode.l10n.t('Search Notes by Topic');
      qp.placeholder = vscode.l10n.t('Topic words — notes match by their text and by the papers they cite');
      qp.matchOnDescription = false;
      qp.matchOnDetail = false;
      qp.busy = true;
      let generation = 0;
      let failed = false;
      // The index failed to load: log it, say so once (the user is typing into this pick), and stop the spinner.
      const indexFailed = (e: unknown) => {
        qp.busy = false;
        qp.items = [];
        qp.placeholder = vscode.l10n.t('The notes index could not be loaded (see the Paper Notes log)');
        if (failed) return;
        failed = true;
        cite.warn(e);
        void showMessageWithLog('error', vscode.l10n.t('Search Notes by Topic: the notes index could not be loaded. See the Paper Notes log.'));
      };
      const update = () => {
        const q = qp.value.trim();
        const mine = ++generation;
        if (!q) {
          qp.items = [];
          return;
        }
        void notes.settled().then(() => {
          if (mine !== generation) return;
          qp.busy = false;
          try {
            // Notes first (the point of the search), then papers; each in score order.
            const noteHits = notes.search(q, { kind: 'notes', limit: 25 });
            const paperHits = notes.search(q, { kind: 'papers', limit: 15 });
            const sep = (label: string) => ({ label, kind: vscode.QuickPickItemKind.Separator }) as HitPick;
            qp.items = [
              ...(noteHits.length ? [sep('Notes'), ...noteHits.map(pickOf)] : []),
              ...(paperHits.length ? [sep('Papers'), ...paperHits.map(pickOf)] : []),
            ];
            if (!noteHits.length && !paperHits.length) qp.placeholder = vscode.l10n.t('No notes or papers match');
          } catch (e) {
            cite.warn(e);
            qp.items = [];
          }
        }, (e) => {
          if (mine === generation) indexFailed(e);
        });
      };
      qp.onDidChangeValue(update);
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0];
        const q = qp.value;
        qp.hide();
        if (picked) {
          void openHit(cite, picked.hit, q).catch((e) => {
            cite.warn(e);
            void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', picked.hit.kind === 'note' ? (picked.hit.path ?? '') : `arXiv:${picked.hit.id}`, e instanceof Error ? e.message : String(e)));
          });
        }
      });
      qp.onDidHide(() => qp.dispose());
      if (typeof initial === 'string') qp.value = initial;
      qp.show();
      void notes.settled().then(() => {
        qp.busy = false;
        update();
      }, indexFailed);
    }),
  );
}
