// Insert Citation…: a quick pick over cached papers that inserts the stub at every cursor of the Markdown
// editor as ONE edit (one undo). From the tree or webview it targets the last active Markdown editor; with none
// open it offers a literature note instead. The diagnostics quick fix calls it with a filter and a range to fix.
import * as vscode from 'vscode';
import { authorLine, paperMatches, rankPapers } from '../core/cite/paper-ranking';
import { paperYear, type Paper } from '../core/papers/model';
import { stubFor } from './citation-stub';
import { citationSettings, paperIdFromArg, type CitationServices } from './citation-services';

export const INSERT_CITATION = 'paperNotes.insertCitation';
const RECENT_KEY = 'paperNotes.recentCitations';

/** Arguments the quick fix passes: open the pick filtered by `filter`, replace `range` in `uri` with the key. */
export interface FixArgs {
  filter: string;
  uri: string;
  range: [number, number, number, number];
}

interface PaperPick extends vscode.QuickPickItem {
  paper: Paper;
}

export async function pickPaper(cite: CitationServices, title: string, filter = ''): Promise<Paper | undefined> {
  const lookup = await cite.papers();
  if (lookup.size === 0) {
    void vscode.window.showInformationMessage('No papers cached yet: open the Daily Papers view to load a day first.');
    return undefined;
  }
  const recent = cite.context.globalState.get<string[]>(RECENT_KEY, []);
  const citeCounts = cite.notes?.citeCounts();
  const items: PaperPick[] = rankPapers({ papers: lookup.all(), citeCounts, recent }).map((p) => {
    const key = lookup.keyOf(p.id);
    const year = paperYear(p);
    const cited = citeCounts?.get(p.id);
    return {
      paper: p,
      label: p.title.replace(/\s+/g, ' '),
      description: key ? `@${key}` : p.id,
      detail: [authorLine(p, 3), year, p.id, cited ? `cited in ${cited} note${cited === 1 ? '' : 's'}` : '']
        .filter(Boolean)
        .join(' · '),
    };
  });
  const qp = vscode.window.createQuickPick<PaperPick>();
  qp.title = title;
  qp.placeholder = 'Filter by title, author, key or arXiv id';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = items;
  qp.value = filter;
  // The built-in fuzzy filter already matches label/description/detail; when it would show nothing for an
  // accent-folded query (e.g. "muller" for Müller), fall back to our own matcher.
  qp.onDidChangeValue((v) => {
    const own = items.filter((i) => paperMatches(i.paper, lookup.keyOf(i.paper.id), v));
    qp.items = own.length > 0 ? own.map((i) => ({ ...i, alwaysShow: true })) : items;
  });
  if (filter) qp.items = items.map((i) => ({ ...i, alwaysShow: paperMatches(i.paper, lookup.keyOf(i.paper.id), filter) }));
  return new Promise<Paper | undefined>((resolve) => {
    let chosen: Paper | undefined;
    qp.onDidAccept(() => {
      chosen = qp.selectedItems[0]?.paper;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(chosen);
    });
    qp.show();
  });
}

/** Inserts the paper's stub at every selection of `editor` in one edit; returns whether the edit applied. */
export async function insertCitation(editor: vscode.TextEditor, paper: Paper, key: string, fix?: FixArgs): Promise<boolean> {
  const settings = citationSettings(editor.document.uri);
  const stub = stubFor(settings, paper, key);
  const doc = editor.document;
  return editor.edit((b) => {
    if (fix) {
      const [l, c, el, ec] = fix.range;
      const range = new vscode.Range(l, c, el, ec);
      const old = doc.getText(range);
      // Scanner ranges cover `@key` (pandoc) or `[^key]` (footnote): keep the surrounding syntax.
      b.replace(range, old.startsWith('@') ? `@${key}` : old.startsWith('[^') ? `[^${key}]` : key);
    } else {
      for (const sel of editor.selections) b.replace(sel, stub.text);
    }
    if (stub.definition && !doc.getText().includes(`[^${key}]:`)) {
      const last = doc.lineAt(doc.lineCount - 1);
      const sep = last.text.trim() === '' ? '\n' : '\n\n';
      b.insert(last.range.end, `${sep}${stub.definition}\n`);
    }
  });
}

async function rememberRecent(cite: CitationServices, id: string): Promise<void> {
  const recent = cite.context.globalState.get<string[]>(RECENT_KEY, []).filter((x) => x !== id);
  await cite.context.globalState.update(RECENT_KEY, [id, ...recent].slice(0, 20));
}

function isFixArgs(a: unknown): a is FixArgs {
  const f = a as FixArgs | undefined;
  return !!f && typeof f.filter === 'string' && typeof f.uri === 'string' && Array.isArray(f.range) &&
    f.range.length === 4 && f.range.every((n) => Number.isInteger(n) && n >= 0);
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(INSERT_CITATION, async (arg?: unknown) => {
      const fix = isFixArgs(arg) ? arg : undefined;
      let paper = fix ? undefined : await cite.paperFromArg(arg);
      let editor: vscode.TextEditor | undefined;
      if (fix) {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(fix.uri));
        editor = await vscode.window.showTextDocument(doc);
      } else {
        editor = await cite.markdownEditor();
      }
      if (!editor) {
        const create = 'Create Literature Note';
        const answer = await vscode.window.showInformationMessage(
          'No Markdown editor is open to insert a citation into.',
          create,
        );
        if (answer === create) await vscode.commands.executeCommand('paperNotes.createLiteratureNote', paper?.id);
        return;
      }
      paper ??= await pickPaper(cite, fix ? `Replace unknown key @${fix.filter}` : 'Insert Citation', fix?.filter ?? '');
      if (!paper) return;
      const lookup = await cite.papers();
      const key = lookup.keyOf(paper.id) ?? (await cite.services.catalog().keys())[paper.id];
      if (!key) {
        void vscode.window.showWarningMessage(`No citation key for ${paper.id} yet.`);
        return;
      }
      // A read-only editor accepts editor.edit() and silently drops it: say so instead (toast and log).
      const name = vscode.workspace.asRelativePath(editor.document.uri);
      const readOnly = vscode.workspace.fs.isWritableFileSystem(editor.document.uri.scheme) === false;
      const inserted = !readOnly && (await insertCitation(editor, paper, key, fix));
      if (inserted) await rememberRecent(cite, paper.id);
      else {
        const message = readOnly ? `Could not insert the citation: ${name} is read-only.` : `Could not insert the citation into ${name}: the editor refused the edit.`;
        cite.services.log().warn(message);
        void vscode.window.showWarningMessage(message);
      }
    }),
  );
}

export { paperIdFromArg };
