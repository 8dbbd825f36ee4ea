// The extension's table of contents: activation creates the service container and registers each surface.
// Nothing is fetched or indexed here; the surfaces start work lazily when they are first shown or used.
import { loadStartMs } from './load-start';
import * as vscode from 'vscode';
import { Services } from './services';
import * as papersTree from './papers-tree';
import * as abstractPanel from './abstract-panel';
import { CitationServices } from './citation-services';
import * as noteIndex from './note-index';
import * as library from './library';
import * as insertCitation from './insert-citation';
import * as literatureNote from './literature-note';
import * as bibliography from './bibliography';
import * as topicSearch from './topic-search';
import * as citingNotes from './citing-notes';
import * as completion from './completion';
import * as hover from './hover';
import * as referenceLinks from './reference-links';
import * as diagnostics from './diagnostics';
import * as preview from './preview';
import * as log from './log';
import * as indexMenu from './index-menu';
import * as pickAbstract from './pick-abstract';
import * as addPaper from './add-paper';
import * as pasteCitation from './paste-citation';
import * as paperDrop from './paper-drop';
import * as forYou from './for-you';
import type { ForYouModel } from './for-you-model';
import * as relatedView from './related-view';

const loadEndMs = performance.now();

/**
 * performance.now() in the extension host at four moments, recorded by the extension itself so the activation
 * test can split a measured `ext.activate()` into our work (evaluating the bundle, running activate) and the
 * host's (reading and compiling the bundle before, and waiting for the extension's context in between).
 */
export interface ActivationTimes {
  loadStartMs: number;
  loadEndMs: number;
  activateStartMs: number;
  activateEndMs: number;
}

/** What `activate` returns; the extension-host tests reach the live services and surfaces through it. */
export interface PaperNotesApi {
  services: Services;
  dailyPapers: papersTree.PapersTreeProvider;
  abstracts: abstractPanel.AbstractPanels;
  citations: CitationServices;
  forYou: ForYouModel;
  related: relatedView.RelatedProvider;
  /** markdown.markdownItPlugins: VS Code's Markdown preview calls this. */
  extendMarkdownIt: ReturnType<typeof preview.register>['extendMarkdownIt'];
  activationTimes: ActivationTimes;
}

export function activate(context: vscode.ExtensionContext): PaperNotesApi {
  const activateStartMs = performance.now();
  const services = new Services(context);
  context.subscriptions.push(services);
  log.register(context, services); // Show Log
  const dailyPapers = papersTree.register(context, services); // sidebar: Daily Papers (+ dragging papers out)
  addPaper.register(context, services, dailyPapers); // Add Paper by arXiv ID or URL…
  const abstracts = abstractPanel.register(context, services); // abstract webview
  const cited = registerCitations(context, services);
  const forYouModel = forYou.register(context, cited.citations, dailyPapers, abstracts); // For You: sort, reasons, marks
  const api: PaperNotesApi = {
    services,
    dailyPapers,
    abstracts,
    ...cited,
    forYou: forYouModel,
    related: relatedView.register(context, cited.citations, forYouModel), // sidebar: Related (to the open note)
    activationTimes: { loadStartMs, loadEndMs, activateStartMs, activateEndMs: 0 },
  };
  api.activationTimes.activateEndMs = performance.now();
  return api;
}

/** Citations in notes: the commands, the Markdown language features, the preview, and the notes index. */
function registerCitations(context: vscode.ExtensionContext, services: Services) {
  const citations = new CitationServices(context, services);
  context.subscriptions.push(citations);
  library.register(context, citations); // the researcher's bibliographies (+ their diagnostics)
  noteIndex.register(context, citations); // background index of the workspace's notes (+ tree children)
  indexMenu.register(context, citations); // Rebuild Notes Index, the index status item's menu
  insertCitation.register(context, citations); // Insert Citation…
  pickAbstract.register(context, citations); // Open Abstract…
  literatureNote.register(context, citations); // Create Literature Note
  bibliography.register(context, citations); // Sync Bibliography, Copy BibTeX
  topicSearch.register(context, citations); // Search Notes by Topic…
  citingNotes.register(context, citations); // Show Notes Citing This Paper
  completion.register(context, citations); // keys inside [@…]
  hover.register(context, citations); // reference hovers
  referenceLinks.register(context, citations); // go to definition + document links
  diagnostics.register(context, citations); // unknown keys + quick fix
  pasteCitation.register(context, citations); // pasting a paper URL: "Insert citation"
  paperDrop.register(context, citations); // dropping a paper from the tree: its stub
  const { extendMarkdownIt } = preview.register(context, citations); // preview: stubs as short titles
  return { citations, extendMarkdownIt };
}

export function deactivate(): void {}
