// The extension's table of contents: activation only registers; work starts lazily.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('paperNotes.hello', () => {
      void vscode.window.showInformationMessage(`Paper Notes ${context.extension.packageJSON.version as string}`);
    }),
  );
}

export function deactivate(): void {}
