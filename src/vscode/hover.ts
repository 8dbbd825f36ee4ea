// Hover on any recognised reference (pandoc key, footnote key, arXiv/HF link, arXiv:ID): title, authors, year,
// abstract excerpt, links, and how many notes cite it; a key from the researcher's bibliographies shows its entry.
// Untrusted text escaped; the only command link takes no arguments — it runs a hover-only command that acts on the paper of the last hover.
import * as vscode from 'vscode';
import { MARKDOWN, refRange, type CitationServices } from './citation-services';
import { escapeMarkdown } from './text';
import { entryMarkdown, paperMarkdown } from './paper-markdown';
import { entryTargetId } from '../core/library';

export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cite: CitationServices) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const ref = this.cite.refAt(doc, pos);
    if (!ref) return undefined;
    await this.cite.papersAndLibrary();
    const paper = this.cite.paperOf(ref);
    const range = refRange(ref);
    const entry = paper ? undefined : this.cite.entryOf(ref);
    if (entry) {
      const source = vscode.workspace.asRelativePath(this.cite.library!.uriOf(entry));
      return new vscode.Hover(entryMarkdown(entry, { source, citedBy: this.cite.notes?.citingCount(entryTargetId(entry)) }), range);
    }
    if (!paper) {
      if (ref.kind === 'footnote') return undefined; // an ordinary footnote, not a citation
      const what = ref.key !== undefined ? `citation key @${ref.key}` : `arXiv:${ref.id ?? ''}`;
      const md = new vscode.MarkdownString(`${escapeMarkdown(`Unknown ${what}`)} — not in the paper cache or your bibliographies.`);
      return new vscode.Hover(md, range);
    }
    this.cite.lastHoveredPaperId = paper.id;
    const citedBy = this.cite.notes?.citingCount(paper.id);
    return new vscode.Hover(paperMarkdown(paper, { key: ref.key ?? this.cite.lookup.keyOf(paper.id), citedBy }), range);
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): CitationHoverProvider {
  const provider = new CitationHoverProvider(cite);
  context.subscriptions.push(vscode.languages.registerHoverProvider(MARKDOWN, provider));
  return provider;
}
