// The extension's table of contents: activation creates the service container and registers each surface.
// Nothing is fetched or indexed here; the surfaces start work lazily when they are first shown or used.
import * as vscode from 'vscode';
import { Services } from './services';
import * as papersTree from './papers-tree';
import * as abstractPanel from './abstract-panel';
import * as comingSoon from './coming-soon';

/** What `activate` returns; the extension-host tests reach the live services and surfaces through it. */
export interface PaperNotesApi {
  services: Services;
  dailyPapers: papersTree.PapersTreeProvider;
  abstracts: abstractPanel.AbstractPanels;
}

export function activate(context: vscode.ExtensionContext): PaperNotesApi {
  const services = new Services(context);
  context.subscriptions.push(services);
  const api: PaperNotesApi = {
    services,
    dailyPapers: papersTree.register(context, services), // sidebar: Daily Papers
    abstracts: abstractPanel.register(context, services), // abstract webview
  };
  comingSoon.register(context, services); // Insert Citation, Create Literature Note, Copy BibTeX (Citations work)
  context.subscriptions.push(
    vscode.commands.registerCommand('paperNotes.hello', () => {
      void vscode.window.showInformationMessage(`Paper Notes ${context.extension.packageJSON.version as string}`);
    }),
  );
  return api;
}

export function deactivate(): void {}
