// Which files are notes, and whether the background index runs: `paperNotes.notes.include` / `.exclude` (globs
// relative to the workspace folder) plus the workspace's `files.exclude`, and `paperNotes.index.enabled`.
import * as vscode from 'vscode';
import { DEFAULT_INCLUDE, DEFAULT_EXCLUDE } from '../core/search/walk';

export interface NoteFilters {
  include: string[];
  exclude: string[];
}

/** The settings whose change means the index must look at the notes again. */
export const NOTE_FILTER_SETTINGS = ['paperNotes.notes.include', 'paperNotes.notes.exclude', 'files.exclude', 'paperNotes.index.enabled'];

const globs = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim().replace(/^\.\//, '')) : undefined;

export function noteFilters(scope?: vscode.ConfigurationScope): NoteFilters {
  const c = vscode.workspace.getConfiguration('paperNotes', scope);
  const include = globs(c.get('notes.include')) ?? DEFAULT_INCLUDE;
  const exclude = globs(c.get('notes.exclude')) ?? DEFAULT_EXCLUDE;
  // files.exclude maps a glob to true (or to a `when` condition on sibling files, which we cannot evaluate here:
  // those are left alone, so a note is never dropped for a condition we did not check).
  const filesExclude = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude', {});
  const hidden = Object.entries(filesExclude).filter(([, on]) => on === true).map(([g]) => g);
  // A folder glob (`**/drafts`, `archive`) should hide what is inside it too, as it does in the Explorer.
  const all = [...exclude, ...hidden].flatMap((g) => (g.endsWith('/**') || /\*\.[^/]*$/.test(g) ? [g] : [g, `${g.replace(/\/$/, '')}/**`]));
  return { include: include.length ? include : DEFAULT_INCLUDE, exclude: [...new Set(all)] };
}

export function indexEnabled(): boolean {
  return vscode.workspace.getConfiguration('paperNotes').get<boolean>('index.enabled', true) !== false;
}
