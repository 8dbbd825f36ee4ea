// The notes index's commands: Rebuild Notes Index (drops the saved index and reads every note again — the fix
// for an index that looks wrong), and the small menu the index's status-bar item opens.
import * as vscode from 'vscode';
import type { CitationServices } from './citation-services';
import { indexEnabled } from './note-settings';
import { SHOW_LOG, showMessageWithLog } from './log';

export const REBUILD_INDEX = 'paperNotes.rebuildIndex';
export const INDEX_MENU = 'paperNotes.indexMenu';

interface MenuItem extends vscode.QuickPickItem {
  command: string;
  args?: unknown[];
}

export function menuItems(): MenuItem[] {
  return [
    { label: `$(search) ${vscode.l10n.t('Search Notes by Topic…')}`, command: 'paperNotes.searchNotes' },
    { label: `$(refresh) ${vscode.l10n.t('Rebuild Notes Index')}`, description: vscode.l10n.t('read every note again'), command: REBUILD_INDEX },
    { label: `$(output) ${vscode.l10n.t('Show Log')}`, command: SHOW_LOG },
    { label: `$(settings-gear) ${vscode.l10n.t('Open Settings')}`, description: 'Paper Notes', command: 'workbench.action.openSettings', args: ['paperNotes'] },
  ];
}

export async function rebuildIndex(cite: CitationServices): Promise<number | undefined> {
  const notes = cite.notes;
  if (!notes) return undefined;
  if (!indexEnabled()) {
    const open = vscode.l10n.t('Open Settings');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('The notes index is turned off (paperNotes.index.enabled).'), open)) === open) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'paperNotes.index.enabled');
    }
    return undefined;
  }
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Rebuilding the notes index') }, () => notes.restart(true));
  } catch (e) {
    cite.warn(e);
    void showMessageWithLog('error', vscode.l10n.t('The notes index could not be rebuilt. See the Paper Notes log.'));
    return undefined;
  }
  const count = notes.noteCount();
  void vscode.window.showInformationMessage(count === 1 ? vscode.l10n.t('Notes index rebuilt: 1 note.') : vscode.l10n.t('Notes index rebuilt: {0} notes.', count));
  return count;
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(REBUILD_INDEX, () => rebuildIndex(cite)),
    vscode.commands.registerCommand(INDEX_MENU, async () => {
      const picked = await vscode.window.showQuickPick(menuItems(), { title: vscode.l10n.t('Paper Notes: notes index') });
      if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
    }),
  );
}
