// Dragging papers out of the Daily Papers tree: the drag carries the papers' ids under our own mime type (the
// Markdown drop provider in paper-drop.ts turns them into citation stubs) and their arXiv pages as text/uri-list
// (any other editor or view gets links).
import * as vscode from 'vscode';
import { paperLinks, type Paper } from '../core/papers/model';

/** The drag's payload for paper-drop.ts: a JSON array of arXiv ids. */
export const PAPER_MIME = 'application/vnd.paper-notes.papers';

interface PaperNode {
  kind: string;
  paper?: Paper;
}

export class PaperDragController implements vscode.TreeDragAndDropController<PaperNode> {
  readonly dragMimeTypes = [PAPER_MIME, 'text/uri-list'];
  readonly dropMimeTypes: readonly string[] = [];

  handleDrag(source: readonly PaperNode[], dataTransfer: vscode.DataTransfer): void {
    const papers = source.flatMap((n) => (n.kind === 'paper' && n.paper ? [n.paper] : []));
    if (papers.length === 0) return;
    dataTransfer.set(PAPER_MIME, new vscode.DataTransferItem(JSON.stringify(papers.map((p) => p.id))));
    dataTransfer.set('text/uri-list', new vscode.DataTransferItem(papers.map((p) => paperLinks(p).abs).join('\r\n')));
  }
}
