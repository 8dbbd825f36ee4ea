// Create Literature Note: `<notesFolder>/<key>.md` (in the active note's workspace folder) from the template (`paperNotes.noteTemplate`, a path relative
// to the workspace folder, or the built-in default), then opens it. An existing note is opened, never
// overwritten or saved. The file is created through a WorkspaceEdit (undoable).
import * as vscode from 'vscode';
import type { Paper } from '../core/papers/model';
import { pickPaper } from './insert-citation';
import { literatureNote, noteFileName } from '../core/cite/literature-note';
import { citationSettings, type CitationServices } from './citation-services';

export const CREATE_LITERATURE_NOTE = 'paperNotes.createLiteratureNote';

async function exists(uri: vscode.Uri): Promise<boolean> {
  // An open document counts even when its file is gone from disk: its text is the user's.
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function templateText(folder: vscode.WorkspaceFolder, path: string): Promise<string | undefined> {
  if (!path) return undefined;
  const uri = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder.uri, path);
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Note template {0} could not be read; using the built-in template.', path));
    return undefined;
  }
}

export async function createLiteratureNote(cite: CitationServices, paper: Paper): Promise<vscode.Uri | undefined> {
  const folder = cite.noteFolder();
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to create literature notes in.'));
    return undefined;
  }
  const lookup = await cite.papers();
  const key = lookup.keyOf(paper.id) ?? (await cite.services.catalog().keys())[paper.id];
  if (!key) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No citation key for {0} yet.', paper.id));
    return undefined;
  }
  const settings = citationSettings(folder.uri);
  const dir = settings.notesFolder ? vscode.Uri.joinPath(folder.uri, settings.notesFolder) : folder.uri;
  const uri = vscode.Uri.joinPath(dir, noteFileName(key));
  if (!(await exists(uri))) {
    const template = await templateText(folder, settings.noteTemplate);
    const text = literatureNote(paper, key, template === undefined ? {} : { template });
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', vscode.workspace.asRelativePath(uri)));
      return undefined;
    }
  }
  // createFile with contents writes the new file itself; an existing note is only opened, and its unsaved
  // changes stay the user's to save.
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return uri;
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_LITERATURE_NOTE, async (arg?: unknown) => {
      const paper = (await cite.paperFromArg(arg)) ?? (await pickPaper(cite, vscode.l10n.t('Create Literature Note')));
      return paper ? createLiteratureNote(cite, paper) : undefined;
    }),
  );
}
