// Unknown citation keys are warnings, with a quick fix that opens Insert Citation filtered by the key and
// replaces it. A key counts as known when the paper cache has it or one of the researcher's bibliographies
// defines it (library.ts: the bibliography file, paperNotes.bibliographies, notes' front matter).
import * as vscode from 'vscode';
import { isMarkdown, MARKDOWN, refRange, type CitationServices } from './citation-services';
import { INSERT_CITATION, type FixArgs } from './insert-citation';

export const UNKNOWN_KEY = 'unknown-citation-key';
const SOURCE = 'Paper Notes';

export class CitationDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('paperNotes.citations');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly cite: CitationServices) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 300)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperNotes.diagnostics.unknownKeys')) this.refreshAll();
      }),
    );
    if (cite.library) this.disposables.push(cite.library.onDidChange(() => this.refreshAll()));
    const off = cite.lookup.onDidChange(() => this.refreshAll());
    this.disposables.push({ dispose: off });
    void cite.papersAndLibrary().then(() => {
      this.ready = true;
      this.refreshAll();
    });
  }

  /** True once the paper snapshot and the library's first read are in: before, every key would look unknown. */
  private ready = false;

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isMarkdown(doc)) return;
    const k = doc.uri.toString();
    clearTimeout(this.timers.get(k));
    this.timers.set(k, setTimeout(() => {
      this.timers.delete(k);
      this.update(doc);
    }, delay));
  }

  private refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (isMarkdown(doc)) this.update(doc);
  }

  /** Diagnoses one document now (only once the paper snapshot is loaded, to avoid flagging every key). */
  update(doc: vscode.TextDocument): vscode.Diagnostic[] {
    const enabled = vscode.workspace.getConfiguration('paperNotes', doc.uri).get<boolean>('diagnostics.unknownKeys', true) !== false;
    if (doc.isClosed || !this.ready || (this.cite.lookup.size === 0 && !this.cite.library?.all().length) || !enabled) {
      this.collection.delete(doc.uri);
      return [];
    }
    const diags: vscode.Diagnostic[] = [];
    for (const ref of this.cite.scan(doc).refs) {
      if (ref.kind !== 'pandoc' || ref.key === undefined) continue;
      if (this.cite.lookup.hasKey(ref.key) || this.cite.library?.byKey(ref.key)) continue;
      const d = new vscode.Diagnostic(refRange(ref), vscode.l10n.t('Unknown citation key @{0}', ref.key), vscode.DiagnosticSeverity.Warning);
      d.source = SOURCE;
      d.code = UNKNOWN_KEY;
      diags.push(d);
    }
    this.collection.set(doc.uri, diags);
    return diags;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

export class UnknownKeyQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    return ctx.diagnostics
      .filter((d) => d.code === UNKNOWN_KEY && d.source === SOURCE)
      .map((d) => {
        const key = doc.getText(d.range).replace(/^@/, '');
        const action = new vscode.CodeAction(vscode.l10n.t('Replace @{0} with a cached paper…', key), vscode.CodeActionKind.QuickFix);
        const args: FixArgs = {
          filter: key,
          uri: doc.uri.toString(),
          range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        };
        action.command = { command: INSERT_CITATION, title: vscode.l10n.t('Insert Citation…'), arguments: [args] };
        action.diagnostics = [d];
        action.isPreferred = true;
        return action;
      });
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): CitationDiagnostics {
  const diagnostics = new CitationDiagnostics(cite);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new UnknownKeyQuickFix(), {
      providedCodeActionKinds: UnknownKeyQuickFix.kinds,
    }),
  );
  return diagnostics;
}
