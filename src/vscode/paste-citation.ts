// Pasting a paper's URL (arXiv, Hugging Face, alphaXiv) or arXiv id into a Markdown note offers "Insert citation":
// the paper's stub instead of the text. The paper comes from the cache, else arXiv (then it joins "Added"). Plain
// paste stays in the paste widget, one click away. The fetch runs in resolve, only for the edit VS Code applies;
// when it fails, the edit pastes the text as it was and says why.
import * as vscode from 'vscode';
import { parsePaperIds } from '../core/papers/paper-ids';
import { MARKDOWN, type CitationServices } from './citation-services';
import { resolveCitations, stubsInsertion } from './insert-citation';

export const CITATION_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'paperNotes', 'citation');
/** More pasted ids than this is not a citation but a list. */
const MAX_PASTED = 20;

class CitationPasteEdit extends vscode.DocumentPasteEdit {
  constructor(readonly document: vscode.TextDocument, readonly ids: string[], readonly pasted: string) {
    super('', ids.length === 1 ? vscode.l10n.t('Insert citation') : vscode.l10n.t('Insert {0} citations', ids.length), CITATION_KIND);
  }
}

/** The ids a pasted text names when it is nothing but paper ids or URLs; undefined otherwise. */
export function pastedPaperIds(text: string): string[] | undefined {
  if (text.length > 4000) return undefined;
  const { ids, invalid } = parsePaperIds(text);
  if (invalid.length || ids.length === 0 || ids.length > MAX_PASTED) return undefined;
  return ids.map((r) => `${r.id}${r.version ?? ''}`);
}

export class CitationPasteProvider implements vscode.DocumentPasteEditProvider<CitationPasteEdit> {
  constructor(private readonly cite: CitationServices) {}

  async provideDocumentPasteEdits(
    document: vscode.TextDocument, _ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer,
    context: vscode.DocumentPasteEditContext,
  ): Promise<CitationPasteEdit[] | undefined> {
    if (context.only && !context.only.intersects(CITATION_KIND)) return undefined;
    const text = await dataTransfer.get('text/plain')?.asString();
    const ids = text === undefined ? undefined : pastedPaperIds(text);
    return ids ? [new CitationPasteEdit(document, ids, text!)] : undefined;
  }

  async resolveDocumentPasteEdit(edit: CitationPasteEdit, token: vscode.CancellationToken): Promise<CitationPasteEdit> {
    try {
      const { cited, missing } = await resolveCitations(this.cite.services.catalog(), edit.ids);
      if (token.isCancellationRequested) return edit;
      // An id arXiv does not know keeps the whole paste as it was: citing only the others would drop its text.
      if (missing.length || cited.length === 0) {
        if (missing.length) void vscode.window.showWarningMessage(vscode.l10n.t('Not found on arXiv: {0}; pasted the text as it was', missing.join(', ')));
        edit.insertText = edit.pasted;
        return edit;
      }
      const { text, additionalEdit } = stubsInsertion(edit.document, cited);
      edit.insertText = text;
      edit.additionalEdit = additionalEdit;
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      this.cite.services.log().warn(`Insert citation on paste: ${message}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Pasted the text as it was: {0}', message));
      edit.insertText = edit.pasted;
    }
    return edit;
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider(MARKDOWN, new CitationPasteProvider(cite), {
      providedPasteEditKinds: [CITATION_KIND],
      pasteMimeTypes: ['text/plain'],
    }),
  );
}
