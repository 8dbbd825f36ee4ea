// The built-in Markdown preview's citation rendering (contributes.markdown.markdownItPlugins): extendMarkdownIt
// adds the core plugin with a synchronous lookup into the paper snapshot, and the preview refreshes when the
// snapshot changes.
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { citationPreviewPlugin } from '../core/cite/preview';
import type { CitationServices } from './citation-services';

export function register(context: vscode.ExtensionContext, cite: CitationServices): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const off = cite.lookup.onDidChange(() => void vscode.commands.executeCommand('markdown.preview.refresh'));
  context.subscriptions.push({ dispose: off });
  return {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      void cite.papers().then(() => undefined);
      return md.use(citationPreviewPlugin, { lookup: (key: string) => cite.lookup.byKey(key) });
    },
  };
}
