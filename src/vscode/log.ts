// The Paper Notes log (an output channel owned by Services): the Show Log command, and messages that point at the
// log carrying a button that opens it, so "see the log" is one click instead of a hunt through the Output panel.
import * as vscode from 'vscode';
import type { Services } from './services';

export const SHOW_LOG = 'paperNotes.showLog';

/** Shows `message` (which should say the details are in the log) with a Show Log button. */
export async function showMessageWithLog(severity: 'error' | 'warning', message: string): Promise<void> {
  const show = severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const button = vscode.l10n.t('Show Log');
  if ((await show(message, button)) === button) await vscode.commands.executeCommand(SHOW_LOG);
}

export function register(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_LOG, () => services.log().show(true)));
}
