// What every CLI command receives: parsed global options and the outside world (fs, fetch, output).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Fetch, FileSystem } from '../core/fs';
import type { OptionSpec, Parsed } from './args';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  fs: FileSystem;
  fetch: Fetch;
}

export interface Context extends Io {
  cacheDir: string;
  apiBase: string;
  /** arXiv API base, for papers named by id that are not cached. */
  arxivBase: string;
  /** Request timeout in milliseconds. */
  timeoutMs: number;
}

/** Exit 1 with nothing more to say: the command already printed its `error: …` lines. */
export class ReportedFailure extends Error {}

export interface Command {
  name: string;
  /** One line: `paper-notes NAME …` usage, shown in help. */
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  run(args: Parsed, ctx: Context): Promise<void>;
}

/** `$XDG_CACHE_HOME/paper-notes`, `~/.cache/paper-notes`, or the platform's equivalent. */
export function defaultCacheDir(env: Record<string, string | undefined>, platform = process.platform): string {
  if (env.PAPER_NOTES_CACHE) return env.PAPER_NOTES_CACHE;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'paper-notes', 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'paper-notes');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'paper-notes');
}
