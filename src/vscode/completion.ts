// Completion of citation keys inside `[@…]` (and after `@` in brackets): key as label, title and authors as
// detail, the abstract as documentation (escaped). Cached papers first (ranked), then the entries of the
// researcher's bibliographies that the cache does not already offer under the same key.
import * as vscode from 'vscode';
import { keyCompletionContext } from '../core/cite/citation-context';
import { authorLine, rankPapers } from '../core/cite/paper-ranking';
import { entryTargetId, type LibraryEntry } from '../core/library';
import { paperYear } from '../core/papers/model';
import { MARKDOWN, type CitationServices } from './citation-services';
import { entryMarkdown, paperMarkdown } from './paper-markdown';

type Item = vscode.CompletionItem & { paperId?: string; entryKey?: string };

export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  /** Entry items are built once per library version (a 15,000-entry library must answer in milliseconds). */
  private entryItems?: { version: number; items: Item[] };

  constructor(private readonly cite: CitationServices) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const ctx = keyCompletionContext(doc.lineAt(pos.line).text, pos.character);
    if (!ctx) return undefined;
    const lookup = await this.cite.papersAndLibrary();
    const range = {
      inserting: new vscode.Range(pos.line, ctx.start, pos.line, pos.character),
      replacing: new vscode.Range(pos.line, ctx.start, pos.line, ctx.end),
    };
    const citeCounts = this.cite.notes?.citeCounts();
    const ranked = rankPapers({ papers: lookup.all(), citeCounts });
    const items: Item[] = [];
    ranked.forEach((p, i) => {
      const key = lookup.keyOf(p.id);
      if (!key) return;
      const item: Item = new vscode.CompletionItem({ label: key, description: p.title.replace(/\s+/g, ' ') }, vscode.CompletionItemKind.Reference);
      const year = paperYear(p);
      item.detail = [authorLine(p, 3), year].filter(Boolean).join(' · ');
      item.filterText = key;
      item.sortText = String(i).padStart(6, '0');
      item.range = range;
      item.insertText = key;
      item.paperId = p.id;
      items.push(item);
    });
    for (const item of this.libraryItems(citeCounts)) {
      if (lookup.hasKey(item.entryKey!)) continue; // the cache's paper under that key is listed above
      item.range = range;
      items.push(item);
    }
    return new vscode.CompletionList(items, false);
  }

  private libraryItems(citeCounts: Map<string, number> | undefined): Item[] {
    const library = this.cite.library;
    if (!library) return [];
    if (this.entryItems?.version === library.version) return this.entryItems.items;
    // Entries the notes cite most come first, then the files' order.
    const entries = library.all().map((e, i) => ({ e, i, n: citeCounts?.get(entryTargetId(e)) ?? 0 }));
    entries.sort((a, b) => b.n - a.n || a.i - b.i);
    const items = entries.map(({ e }, i) => entryItem(e, i));
    this.entryItems = { version: library.version, items };
    return items;
  }

  resolveCompletionItem(item: Item): vscode.CompletionItem {
    const p = item.paperId ? this.cite.lookup.byId(item.paperId) : undefined;
    if (p) item.documentation = paperMarkdown(p, { key: this.cite.lookup.keyOf(p.id), abstractChars: 900 });
    const e = item.entryKey !== undefined ? this.cite.library?.byKey(item.entryKey) : undefined;
    if (e) item.documentation = entryMarkdown(e, { abstractChars: 900 });
    return item;
  }
}

function entryItem(e: LibraryEntry, i: number): Item {
  const item: Item = new vscode.CompletionItem({ label: e.key, description: e.title.replace(/\s+/g, ' ') }, vscode.CompletionItemKind.Reference);
  const authors = e.authors.length > 3 ? `${e.authors.slice(0, 3).join(', ')} et al.` : e.authors.join(', ');
  item.detail = [authors, e.year].filter(Boolean).join(' · ');
  item.filterText = e.key;
  item.sortText = `1${String(i).padStart(6, '0')}`;
  item.insertText = e.key;
  item.entryKey = e.key;
  return item;
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new CitationCompletionProvider(cite), '@'),
  );
}
