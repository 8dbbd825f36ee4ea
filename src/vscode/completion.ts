// Completion of citation keys inside `[@…]` (and after `@` in brackets): key as label, title and authors as
// detail, the abstract as documentation (escaped).
import * as vscode from 'vscode';
import { keyCompletionContext } from '../core/cite/citation-context';
import { authorLine, rankPapers } from '../core/cite/paper-ranking';
import { paperYear } from '../core/papers/model';
import { MARKDOWN, type CitationServices } from './citation-services';
import { paperMarkdown } from './paper-markdown';

export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly cite: CitationServices) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const ctx = keyCompletionContext(doc.lineAt(pos.line).text, pos.character);
    if (!ctx) return undefined;
    const lookup = await this.cite.papers();
    const range = {
      inserting: new vscode.Range(pos.line, ctx.start, pos.line, pos.character),
      replacing: new vscode.Range(pos.line, ctx.start, pos.line, ctx.end),
    };
    const ranked = rankPapers({ papers: lookup.all(), citeCounts: this.cite.notes?.citeCounts() });
    const items: vscode.CompletionItem[] = [];
    ranked.forEach((p, i) => {
      const key = lookup.keyOf(p.id);
      if (!key) return;
      const item = new vscode.CompletionItem({ label: key, description: p.title.replace(/\s+/g, ' ') }, vscode.CompletionItemKind.Reference);
      const year = paperYear(p);
      item.detail = [authorLine(p, 3), year].filter(Boolean).join(' · ');
      item.filterText = key;
      item.sortText = String(i).padStart(6, '0');
      item.range = range;
      item.insertText = key;
      (item as vscode.CompletionItem & { paperId: string }).paperId = p.id;
      items.push(item);
    });
    return new vscode.CompletionList(items, false);
  }

  resolveCompletionItem(item: vscode.CompletionItem): vscode.CompletionItem {
    const id = (item as vscode.CompletionItem & { paperId?: string }).paperId;
    const p = id ? this.cite.lookup.byId(id) : undefined;
    if (p) item.documentation = paperMarkdown(p, { key: this.cite.lookup.keyOf(p.id), abstractChars: 900 });
    return item;
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new CitationCompletionProvider(cite), '@'),
  );
}
