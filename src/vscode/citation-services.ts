// What the citation surfaces share: a synchronous paper snapshot, the notes index, the last active Markdown
// editor, and small argument helpers. Built once in extension.ts on top of the extension's Services.
import * as vscode from 'vscode';
import { PaperLookup } from '../core/cite/paper-lookup';
import type { Paper } from '../core/papers/model';
import { paperIdFromArg } from '../core/papers/paper-ids';
import { scanNote, type PaperRef, type ScannedNote } from '../core/notes';
import type { StubStyle } from '../core/cite/stubs';
import type { Services } from './services';
import type { EditorNoteIndex } from './note-index';
import type { WorkspaceLibrary } from './library';
import type { LibraryEntry } from '../core/library';

export interface CitationSettings {
  style: StubStyle;
  template: string;
  noteTemplate: string;
  notesFolder: string;
  bibliographyFile: string;
}

export function citationSettings(scope?: vscode.ConfigurationScope): CitationSettings {
  const c = vscode.workspace.getConfiguration('paperNotes', scope);
  const style = c.get<string>('citationStyle', 'pandoc');
  return {
    style: style === 'link' || style === 'footnote' || style === 'template' ? style : 'pandoc',
    template: c.get<string>('citationTemplate', '[{title}]({url})'),
    noteTemplate: c.get<string>('noteTemplate', '').trim(),
    notesFolder: c.get<string>('notesFolder', 'notes').trim(),
    bibliographyFile: c.get<string>('bibliographyFile', 'references.bib').trim() || 'references.bib',
  };
}

export function isMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown';
}

export const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export class CitationServices implements vscode.Disposable {
  readonly lookup: PaperLookup;
  /** Set by note-index.ts when it registers. */
  notes?: EditorNoteIndex;
  /** Set by library.ts when it registers: the researcher's bibliographies. */
  library?: WorkspaceLibrary;
  /** The paper of the last hover, for the hover's argument-free "Show notes citing this paper" link (cleared on use). */
  lastHoveredPaperId?: string;
  private lastMarkdown?: vscode.TextEditor;
  private readonly scans = new Map<string, { version: number; scanned: ScannedNote }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext, readonly services: Services) {
    this.lookup = new PaperLookup({
      allPapers: () => services.catalog().allPapers(),
      keys: () => services.catalog().keys(),
    });
    this.disposables.push(
      services.onDidChangePapers(() => void this.lookup.refresh().catch((e) => this.warn(e))),
      vscode.workspace.onDidCloseTextDocument((d) => this.scans.delete(d.uri.toString())),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isMarkdown(e.document)) this.lastMarkdown = e;
      }),
    );
    const active = vscode.window.activeTextEditor;
    if (active && isMarkdown(active.document)) this.lastMarkdown = active;
  }

  /** The snapshot, loading it on first use. */
  async papers(): Promise<PaperLookup> {
    await this.lookup.ready().catch((e) => this.warn(e));
    return this.lookup;
  }

  /**
   * The Markdown editor a command should act on: the active one, else the last active Markdown editor
   * (shown again if it was hidden), else undefined.
   */
  async markdownEditor(): Promise<vscode.TextEditor | undefined> {
    const active = vscode.window.activeTextEditor;
    if (active && isMarkdown(active.document)) return active;
    const last = this.lastMarkdown;
    if (!last || last.document.isClosed) return undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === last.document);
    if (visible) return visible;
    return vscode.window.showTextDocument(last.document, { viewColumn: last.viewColumn, preserveFocus: false });
  }

  /**
   * The workspace folder new notes belong to: the active note's (in a multi-root workspace, the folder of the
   * Markdown file being edited, else of the last one), else the first folder.
   */
  noteFolder(): vscode.WorkspaceFolder | undefined {
    const active = vscode.window.activeTextEditor?.document;
    const doc = active && isMarkdown(active) ? active : this.lastMarkdown?.document;
    return (doc && vscode.workspace.getWorkspaceFolder(doc.uri)) || vscode.workspace.workspaceFolders?.[0];
  }

  /** Resolves a command argument (an id, a tree node `{paper}`, a `{id}` object) to a cached paper. */
  async paperFromArg(arg: unknown): Promise<Paper | undefined> {
    const id = paperIdFromArg(arg);
    if (!id) return undefined;
    return (await this.papers()).byId(id) ?? (await this.services.catalog().paper(id));
  }

  /** The document's references (cached per version); empty when the scanner fails. */
  scan(doc: vscode.TextDocument): ScannedNote {
    const k = doc.uri.toString();
    const hit = this.scans.get(k);
    if (hit && hit.version === doc.version) return hit.scanned;
    let scanned: ScannedNote;
    try {
      scanned = scanNote(doc.getText());
    } catch (e) {
      this.warn(e);
      scanned = { tags: [], headings: [], text: '', refs: [] };
    }
    this.scans.set(k, { version: doc.version, scanned });
    return scanned;
  }

  /** The reference under `pos`, if any. */
  refAt(doc: vscode.TextDocument, pos: vscode.Position): PaperRef | undefined {
    return this.scan(doc).refs.find((r) => refRange(r).contains(pos));
  }

  /** The cached paper a reference points at: by the cache's key, or a library entry naming a cached arXiv paper. */
  paperOf(ref: PaperRef): Paper | undefined {
    if (ref.key !== undefined) {
      const arxivId = this.library?.byKey(ref.key)?.arxivId;
      return this.lookup.byKey(ref.key) ?? (arxivId ? this.lookup.byId(arxivId) : undefined);
    }
    return ref.id !== undefined ? this.lookup.byId(ref.id) : undefined;
  }

  /** The library entry a key reference names (whether or not it is also a cached paper). */
  entryOf(ref: PaperRef): LibraryEntry | undefined {
    return ref.key !== undefined ? this.library?.byKey(ref.key) : undefined;
  }

  /** Both snapshots a surface answers from: the paper cache and the bibliographies. */
  async papersAndLibrary(): Promise<PaperLookup> {
    const [lookup] = await Promise.all([this.papers(), this.library?.ready()]);
    return lookup;
  }

  warn(e: unknown): void {
    this.services.log().warn(e instanceof Error ? e.message : String(e));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Opens the paper's abstract webview (owned by abstract-panel.ts). */
export function openAbstract(id: string): Thenable<unknown> {
  return vscode.commands.executeCommand('paperNotes.openPaper', id);
}

export function refRange(r: PaperRef): vscode.Range {
  return new vscode.Range(r.range.line, r.range.col, r.range.endLine, r.range.endCol);
}
