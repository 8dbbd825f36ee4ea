// Placeholders for commands the abstract webview calls that the Citations work completes. Each surface that
// implements one of these removes it from this list (registering the same id twice throws at activation).
import * as vscode from 'vscode';
import type { Services } from './services';

const PENDING: Array<[command: string, what: string]> = [];

export function register(context: vscode.ExtensionContext, _services: Services): void {
  for (const [command, what] of PENDING) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () => vscode.window.showInformationMessage(`Paper Notes: ${what} is coming soon.`)),
    );
  }
}
