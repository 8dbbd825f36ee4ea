// The built-in Markdown preview's citation rendering (contributes.markdown.markdownItPlugins): extendMarkdownIt
// adds the core plugin with a synchronous lookup into the paper snapshot and the researcher's bibliographies (an
// entry naming a cached paper renders as that paper), and the preview refreshes when either changes.
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { citationPreviewPlugin, type CitationTarget } from '../core/cite/preview';
import type { CitationServices } from './citation-services';

export function register(context: vscode.ExtensionContext, cite: CitationServices): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const refresh = () => void vscode.commands.executeCommand('markdown.preview.refresh');
  const off = cite.lookup.onDidChange(refresh);
  context.subscriptions.push({ dispose: off });
  if (cite.library) context.subscriptions.push(cite.library.onDidChange(refresh));
  const lookup = (key: string): CitationTarget | undefined => {
    const paper = cite.lookup.byKey(key);
    if (paper) return paper;
    const entry = cite.library?.byKey(key);
    if (!entry) return undefined;
    const cached = entry.arxivId ? cite.lookup.byId(entry.arxivId) : undefined;
    if (cached) return cached;
    if (entry.arxivId) return { id: entry.arxivId, title: entry.title || key };
    return { title: entry.title || key, url: entry.url ?? (entry.doi ? `https://doi.org/${encodeURI(entry.doi)}` : undefined) };
  };
  return {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      void cite.papersAndLibrary().then(() => undefined);
      return md.use(citationPreviewPlugin, { lookup });
    },
  };
}
