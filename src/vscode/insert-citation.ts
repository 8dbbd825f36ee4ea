// Insert Citation…: a quick pick over cached papers that inserts the stub at every cursor of the Markdown
// editor as ONE edit (one undo). From the tree or webview it targets the last active Markdown editor; with none
// open it offers a literature note instead. The diagnostics quick fix calls it with a filter and a range to fix.
import * as vscode from 'vscode';
import { authorLine, paperMatches, rankPapers } from '../core/cite/paper-ranking';
import { paperYear, type Paper } from '../core/papers/model';
import { citationStub } from '../core/cite/stubs';
import { citationSettings, type CitationServices } from './citation-services';
import type { Catalog } from '../core/catalog';

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
    void vscode.window.showInformationMessage(vscode.l10n.t('No papers cached yet: open the Daily Papers view to load a day first.'));
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
  qp.placeholder = vscode.l10n.t('Filter by title, author, key or arXiv id');
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

/** What may follow a key without being part of it (pandoc: inner punctuation must be followed by a key character). */
const KEY_GOES_ON = /^(?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/][\p{L}\p{N}_]|[:/]\/)/u;

/**
 * Where the quick fix's unknown key is now. The picker is not modal, so the user may have typed while it was
 * open: the captured range still holds `@filter` (or `[^filter]`), else the occurrence of `@filter` on the same
 * line nearest the captured column; undefined when the key is gone (nothing must be replaced then).
 */
export function locateFixRange(doc: vscode.TextDocument, fix: FixArgs): vscode.Range | undefined {
  const [l, c, el, ec] = fix.range;
  const wanted = [`@${fix.filter}`, `[^${fix.filter}]`];
  if (l >= doc.lineCount || el !== l) return undefined;
  const text = doc.lineAt(l).text;
  // `@filter` starting at i and not running on into a longer key (nor an e-mail address).
  const wholeKey = (i: number) => !KEY_GOES_ON.test(text.slice(i + wanted[0].length)) && !/[\p{L}\p{N}_]/u.test(text[i - 1] ?? '');
  if (text.slice(c, ec) === wanted[1] || (text.slice(c, ec) === wanted[0] && wholeKey(c))) return new vscode.Range(l, c, l, ec);
  let best: number | undefined;
  for (let i = text.indexOf(wanted[0]); i >= 0; i = text.indexOf(wanted[0], i + 1)) {
    if (wholeKey(i) && (best === undefined || Math.abs(i - c) < Math.abs(best - c))) best = i;
  }
  return best === undefined ? undefined : new vscode.Range(l, best, l, best + wanted[0].length);
}

/**
 * Inserts the paper's stub at every selection of `editor` in one edit, or with `replace` puts the key in that
 * range instead (the quick fix); returns whether the edit applied.
 */
export async function insertCitation(editor: vscode.TextEditor, paper: Paper, key: string, replace?: vscode.Range): Promise<boolean> {
  const settings = citationSettings(editor.document.uri);
  const stub = citationStub(paper, key, settings.style, settings.template);
  const doc = editor.document;
  return editor.edit((b) => {
    if (replace) {
      const range = replace;
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

/**
 * What pasting or dropping papers inserts: their stubs (space-separated), and an edit adding the footnote
 * definitions the document lacks at its end (footnote style only).
 */
/** The papers named by `ids` with their keys (cached ones first, the rest from arXiv), and the ids arXiv does not know. */
export async function resolveCitations(catalog: Catalog, ids: string[]): Promise<{ cited: Array<{ paper: Paper; key: string }>; missing: string[] }> {
  const { papers, missing } = await catalog.resolveIds(ids);
  const keys = await catalog.keys();
  return { cited: papers.filter((p) => keys[p.id]).map((paper) => ({ paper, key: keys[paper.id] })), missing };
}

export function stubsInsertion(doc: vscode.TextDocument, cited: Array<{ paper: Paper; key: string }>): { text: string; additionalEdit?: vscode.WorkspaceEdit } {
  const settings = citationSettings(doc.uri);
  const stubs = cited.map(({ paper, key }) => ({ key, stub: citationStub(paper, key, settings.style, settings.template) }));
  const text = doc.getText();
  const definitions = stubs.filter(({ key, stub }) => stub.definition && !text.includes(`[^${key}]:`)).map(({ stub }) => stub.definition!);
  if (definitions.length === 0) return { text: stubs.map((s) => s.stub.text).join(' ') };
  const last = doc.lineAt(doc.lineCount - 1);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, last.range.end, `${last.text.trim() === '' ? '\n' : '\n\n'}${definitions.join('\n')}\n`);
  return { text: stubs.map((s) => s.stub.text).join(' '), additionalEdit: edit };
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
        const create = vscode.l10n.t('Create Literature Note');
        const answer = await vscode.window.showInformationMessage(
          vscode.l10n.t('No Markdown editor is open to insert a citation into.'),
          create,
        );
        if (answer === create) await vscode.commands.executeCommand('paperNotes.createLiteratureNote', paper?.id);
        return;
      }
      paper ??= await pickPaper(cite, fix ? vscode.l10n.t('Replace unknown key @{0}', fix.filter) : vscode.l10n.t('Insert Citation'), fix?.filter ?? '');
      if (!paper) return;
      const lookup = await cite.papers();
      const key = lookup.keyOf(paper.id) ?? (await cite.services.catalog().keys())[paper.id];
      if (!key) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No citation key for {0} yet.', paper.id));
        return;
      }
      // A read-only editor accepts editor.edit() and silently drops it: say so instead (toast and log).
      const name = vscode.workspace.asRelativePath(editor.document.uri);
      const readOnly = vscode.workspace.fs.isWritableFileSystem(editor.document.uri.scheme) === false;
      // Located right before the edit (no await in between), so the range matches the text the edit applies to.
      const replace = fix && !readOnly ? locateFixRange(editor.document, fix) : undefined;
      if (fix && !readOnly && !replace) {
        const message = vscode.l10n.t('Did not replace @{0}: it is no longer in {1} where the quick fix found it.', fix.filter, name);
        cite.services.log().warn(message);
        void vscode.window.showWarningMessage(message);
        return;
      }
      const inserted = !readOnly && (await insertCitation(editor, paper, key, replace));
      if (inserted) await rememberRecent(cite, paper.id);
      else {
        const message = readOnly ? vscode.l10n.t('Could not insert the citation: {0} is read-only.', name) : vscode.l10n.t('Could not insert the citation into {0}: the editor refused the edit.', name);
        cite.services.log().warn(message);
        void vscode.window.showWarningMessage(message);
      }
    }),
  );
}
