// Sync Bibliography: one entry per paper cited in the workspace's notes, written into the generated block of
// `paperNotes.bibliographyFile` (default references.bib) in key order. Entries outside that block — the user's —
// are never removed or changed. Written through a WorkspaceEdit (undoable); a .bib with unsaved changes is edited
// and left for the user to save, never saved by us.
import * as vscode from 'vscode';
import { bibEntryKeys, syncBibliography, type BibEntry, type BibSyncResult } from '../core/cite/bib-sync';
import { scanNote } from '../core/notes';
import { bibtexEntry } from '../core/cite/bibtex';
import { citationSettings, type CitationServices } from './citation-services';

export const SYNC_BIBLIOGRAPHY = 'paperNotes.syncBibliography';

export interface FolderSync extends BibSyncResult {
  uri: vscode.Uri;
  /** Cited keys neither in the cache nor in the user's part of the file. */
  unknown: string[];
  /** The edit is in an open document with the user's unsaved changes, not yet on disk. */
  unsaved: boolean;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function syncFolder(cite: CitationServices, folder: vscode.WorkspaceFolder): Promise<FolderSync> {
  const lookup = await cite.papers();
  const settings = citationSettings(folder.uri);
  const bibUri = vscode.Uri.joinPath(folder.uri, settings.bibliographyFile);
  const notes = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{md,markdown}'), '**/node_modules/**');
  notes.sort((a, b) => (a.path < b.path ? -1 : 1));
  const ids = new Set<string>();
  const keysSeen = new Set<string>();
  for (const uri of notes) {
    const text = await readText(uri);
    if (text === undefined) continue;
    for (const ref of scanNote(text).refs) {
      if (ref.kind === 'pandoc' && ref.key !== undefined) {
        keysSeen.add(ref.key);
        const p = lookup.byKey(ref.key);
        if (p) ids.add(p.id);
      } else if (ref.kind === 'footnote' && ref.key !== undefined) {
        const p = lookup.byKey(ref.key); // footnote labels that are not keys are ordinary footnotes
        if (p) ids.add(p.id);
      } else if (ref.id !== undefined && lookup.byId(ref.id)) {
        ids.add(ref.id);
      }
    }
  }
  const entries: BibEntry[] = [];
  for (const id of ids) {
    const p = lookup.byId(id);
    const key = lookup.keyOf(id);
    if (p && key) entries.push({ key, bibtex: bibtexEntry(p, key) });
  }
  const existing = await readText(bibUri);
  const result = syncBibliography(existing, entries);
  const userKeys = new Set(bibEntryKeys(existing ?? ''));
  const unknown = [...keysSeen].filter((k) => !lookup.hasKey(k) && !userKeys.has(k)).sort();
  const saved = result.changed ? await writeThroughEdit(bibUri, existing !== undefined, existing ?? '', result.text) : true;
  return { ...result, uri: bibUri, unknown, unsaved: !saved };
}

/**
 * The sync as one edit in the .bib document: only the changed span is replaced, so undo and the cursor behave as
 * after any edit. Saved only when the document had no unsaved changes of the user's (then the saved text is the file
 * plus our block, and pandoc sees it); a document the user is editing is left dirty for them to save.
 * Returns whether the file on disk now holds the result.
 */
async function writeThroughEdit(uri: vscode.Uri, exists: boolean, before: string, text: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  if (!exists) {
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not create ${uri.fsPath}`);
    return true;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== before) throw new Error(`${vscode.workspace.asRelativePath(uri)} changed during the sync; run it again.`);
  const userChanges = doc.isDirty;
  const span = changedSpan(before, text);
  edit.replace(uri, new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)), span.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${uri.fsPath}`);
  if (userChanges) return false;
  return doc.save();
}

/** The span of `before` that differs from `after` (common prefix and suffix kept) and what replaces it. */
function changedSpan(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('paperNotes.copyBibtex', async (arg?: unknown) => {
      const paper = await cite.paperFromArg(arg);
      const key = paper && (await cite.papers()).keyOf(paper.id);
      if (!paper || !key) return undefined;
      const text = bibtexEntry(paper, key);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied BibTeX for @{0}', key), 3000);
      return text;
    }),
    vscode.commands.registerCommand(SYNC_BIBLIOGRAPHY, async (): Promise<FolderSync[]> => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      if (folders.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with notes to sync its bibliography.'));
        return [];
      }
      const results: FolderSync[] = [];
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Syncing bibliography') },
        async () => {
          for (const f of folders) results.push(await syncFolder(cite, f));
        },
      );
      for (const r of results) {
        const name = vscode.workspace.asRelativePath(r.uri);
        const parts = [r.written.length === 1 ? vscode.l10n.t('1 cited paper in {0}', name) : vscode.l10n.t('{0} cited papers in {1}', r.written.length, name)];
        if (r.userDefined.length) parts.push(vscode.l10n.t('{0} left to your own entries', r.userDefined.length));
        if (r.dropped.length) parts.push(vscode.l10n.t('{0} no longer cited removed', r.dropped.length));
        if (r.unsaved) parts.push(vscode.l10n.t('not saved: {0} has unsaved changes of yours', name));
        if (r.unknown.length) parts.push(vscode.l10n.t('unknown keys: {0}', `${r.unknown.slice(0, 5).join(', ')}${r.unknown.length > 5 ? '…' : ''}`));
        const open = vscode.l10n.t('Open');
        void vscode.window
          .showInformationMessage(r.changed ? vscode.l10n.t('Bibliography updated: {0}.', parts.join('; ')) : vscode.l10n.t('Bibliography up to date: {0}.', parts.join('; ')), open)
          .then((a) => (a === open ? vscode.window.showTextDocument(r.uri) : undefined));
      }
      return results;
    }),
  );
}
