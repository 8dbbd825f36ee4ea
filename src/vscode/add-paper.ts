// Add Paper by arXiv ID or URL…: one or several ids or paper URLs pasted together; the catalog takes cached papers
// as they are and fetches the rest from arXiv; all of them join the tree's "Added" node. One paper opens its
// abstract; several reveal the node. Unknown ids and arXiv failures are one message each, also in the log.
import * as vscode from 'vscode';
import type { Paper } from '../core/papers/model';
import { parsePaperIds } from '../core/papers/paper-ids';
import type { Services } from './services';
import type { PapersTreeProvider } from './papers-tree';
import { showMessageWithLog } from './log';

export const ADD_PAPER = 'paperNotes.addPaper';

function problem(text: string): string | undefined {
  const { ids, invalid } = parsePaperIds(text);
  if (invalid.length) return vscode.l10n.t('Not an arXiv id or paper URL: {0}', invalid[0].slice(0, 80));
  return ids.length === 0 ? vscode.l10n.t('Enter at least one arXiv id or paper URL') : undefined;
}

/** The papers added (in the order given); [] when cancelled or nothing could be added. */
export async function addPapers(services: Services, tree: PapersTreeProvider, arg?: unknown): Promise<Paper[]> {
  const text = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Paper by arXiv ID or URL'),
    prompt: vscode.l10n.t('One or more arXiv ids or paper URLs (arXiv, Hugging Face, alphaXiv), separated by spaces or commas'),
    placeHolder: '2401.01234, arXiv:hep-th/9901001, https://arxiv.org/abs/…',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? problem(v) : undefined),
  });
  if (text === undefined || !text.trim()) return [];
  const invalid = problem(text);
  if (invalid) {
    void vscode.window.showErrorMessage(invalid);
    return [];
  }
  const ids = parsePaperIds(text).ids.map((r) => `${r.id}${r.version ?? ''}`);
  let result;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: ids.length === 1 ? vscode.l10n.t('Adding {0}…', ids[0]) : vscode.l10n.t('Adding {0} papers…', ids.length) },
      () => services.catalog().resolveIds(ids, { add: true }),
    );
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    services.log().error(`Add Paper: ${message}`);
    void showMessageWithLog('error', vscode.l10n.t('Could not add the papers: {0}', message));
    return [];
  }
  if (result.missing.length) {
    const message = vscode.l10n.t('Not found on arXiv: {0}', result.missing.join(', '));
    services.log().warn(`Add Paper: ${message}`);
    void vscode.window.showWarningMessage(message);
  }
  if (result.papers.length === 0) return [];
  await tree.start();
  services.log().info(`Add Paper: added ${result.papers.map((p) => p.id).join(', ')}`);
  if (result.papers.length === 1) await vscode.commands.executeCommand('paperNotes.openPaper', result.papers[0].id);
  else {
    await tree.revealAdded();
    void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} papers to the Daily Papers view.', result.papers.length));
  }
  return result.papers;
}

export function register(context: vscode.ExtensionContext, services: Services, tree: PapersTreeProvider): void {
  context.subscriptions.push(vscode.commands.registerCommand(ADD_PAPER, (arg?: unknown) => addPapers(services, tree, arg)));
}
