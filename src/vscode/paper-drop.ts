// Dropping papers dragged from the Daily Papers tree (tree-drag.ts) into a Markdown note inserts their citation
// stubs at the drop position, as one edit (one undo).
import * as vscode from 'vscode';
import { parseArxivId } from '../core/papers/model';
import { MARKDOWN, type CitationServices } from './citation-services';
import { resolveCitations, stubsInsertion } from './insert-citation';
import { CITATION_KIND } from './paste-citation';
import { PAPER_MIME } from './tree-drag';

/** The ids in our drag payload (a JSON array of arXiv ids); anything else is ignored. */
export function droppedIds(payload: string): string[] {
  try {
    const value: unknown = JSON.parse(payload);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && !!parseArxivId(v)).slice(0, 100) : [];
  } catch {
    return [];
  }
}

export class PaperDropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly cite: CitationServices) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, dataTransfer: vscode.DataTransfer): Promise<vscode.DocumentDropEdit | undefined> {
    const payload = await dataTransfer.get(PAPER_MIME)?.asString();
    const ids = payload ? droppedIds(payload) : [];
    if (ids.length === 0) return undefined;
    const { cited } = await resolveCitations(this.cite.services.catalog(), ids);
    if (cited.length === 0) return undefined;
    const { text, additionalEdit } = stubsInsertion(document, cited);
    const edit = new vscode.DocumentDropEdit(text, cited.length === 1 ? vscode.l10n.t('Insert citation') : vscode.l10n.t('Insert {0} citations', cited.length), CITATION_KIND);
    edit.additionalEdit = additionalEdit;
    return edit;
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentDropEditProvider(MARKDOWN, new PaperDropProvider(cite), {
      providedDropEditKinds: [CITATION_KIND],
      dropMimeTypes: [PAPER_MIME],
    }),
  );
}
