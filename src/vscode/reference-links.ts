// Go to Definition and document links on references. A key from the researcher's bibliographies goes to its
// entry's line in its .bib or CSL-JSON file — the definition the user wrote (or exported) — even when the entry
// names a cached paper. A document link opens the paper's abstract webview
// (a command URI whose only argument is a validated arXiv id). Go to Definition cannot target a webview and is
// also asked on Ctrl+hover, so it resolves to a read-only virtual document describing the paper — peekable,
// without side effects — from which the abstract is one click away. That document is plain text (`.txt`), not
// Markdown: it holds the untrusted title and abstract verbatim, and as `.md` a Markdown preview of it would render
// their HTML and remote images; plain text has no renderer, so nothing needs escaping and the peek reads as-is.
import * as vscode from 'vscode';
import { paperLinks, paperYear, parseArxivId, type Paper } from '../core/papers/model';
import { MARKDOWN, refRange, type CitationServices } from './citation-services';

export const PAPER_SCHEME = 'paper-notes-paper';

export function abstractCommandUri(id: string): vscode.Uri | undefined {
  const parsed = parseArxivId(id);
  if (!parsed) return undefined;
  return vscode.Uri.parse(`command:paperNotes.openPaper?${encodeURIComponent(JSON.stringify([parsed.id]))}`);
}

export class ReferenceLinkProvider implements vscode.DocumentLinkProvider, vscode.DefinitionProvider {
  constructor(private readonly cite: CitationServices) {}

  async provideDocumentLinks(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    await this.cite.papers();
    const links: vscode.DocumentLink[] = [];
    for (const ref of this.cite.scan(doc).refs) {
      // Markdown links already open their URL; do not stack a second link on them.
      if (ref.kind === 'link' || ref.kind === 'autolink') continue;
      const paper = this.cite.paperOf(ref);
      const id = paper?.id ?? (ref.kind === 'arxiv' ? ref.id : undefined);
      const target = id ? abstractCommandUri(id) : undefined;
      if (!target) continue;
      const link = new vscode.DocumentLink(refRange(ref), target);
      link.tooltip = vscode.l10n.t('Open the abstract');
      links.push(link);
    }
    return links;
  }

  async provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Location | undefined> {
    const ref = this.cite.refAt(doc, pos);
    if (!ref) return undefined;
    await this.cite.papersAndLibrary();
    const entry = this.cite.entryOf(ref);
    if (entry) return new vscode.Location(this.cite.library!.uriOf(entry), new vscode.Position(entry.line, 0));
    const paper = this.cite.paperOf(ref);
    if (!paper) return undefined;
    return new vscode.Location(vscode.Uri.from({ scheme: PAPER_SCHEME, path: `/${paper.id}.txt` }), new vscode.Position(0, 0));
  }
}

/** The virtual document behind Go to Definition: plain text (never rendered), with the paper's text verbatim. */
export function paperDocument(p: Paper, key: string | undefined): string {
  const l = paperLinks(p);
  return [
    p.title.replace(/\s+/g, ' ').trim(),
    '',
    [p.authors.join(', '), paperYear(p), key ? `@${key}` : ''].filter(Boolean).join(' · '),
    '',
    p.abstract.trim(),
    '',
    `arXiv: ${l.abs}`,
    `PDF: ${l.pdf}`,
    `Hugging Face: ${l.hf}`,
    '',
  ].join('\n');
}

class PaperDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly cite: CitationServices) {}
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = uri.path.replace(/^\//, '').replace(/\.(txt|md)$/, '');
    const lookup = await this.cite.papers();
    const p = lookup.byId(id);
    return p ? paperDocument(p, lookup.keyOf(id)) : `Paper ${id} is not in the cache.\n`;
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  const provider = new ReferenceLinkProvider(cite);
  context.subscriptions.push(
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, provider),
    vscode.languages.registerDefinitionProvider(MARKDOWN, provider),
    vscode.workspace.registerTextDocumentContentProvider(PAPER_SCHEME, new PaperDocumentProvider(cite)),
  );
}
