// `paper-notes`: the terminal face of the same core the extension uses.
// Exit codes: 0 success, 1 runtime error (one `error: …` line on stderr), 2 usage error (usage text on stderr).
import { resolve } from 'node:path';
import { parseArgs, str, UsageError, type OptionSpec } from './args';
import type { Command, Context, Io } from './context';
import { defaultCacheDir, ReportedFailure } from './context';
import { nodeFileSystem } from '../node/node-fs';
import { commands } from './commands/all';
import { DEFAULT_ARXIV_BASE, PAPER_NOTES_VERSION } from '../core/papers';

const GLOBAL: Record<string, OptionSpec> = { cache: {}, 'api-base': {}, 'arxiv-base': {}, timeout: {}, help: { boolean: true } };

function mainUsage(): string {
  return [
    'usage: paper-notes <command> [options]',
    '',
    'commands:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'global options:',
    '  --cache DIR        cache folder (default $PAPER_NOTES_CACHE, else the user cache dir)',
    '  --api-base URL     Daily Papers API base (default https://huggingface.co, env PAPER_NOTES_API_BASE)',
    `  --arxiv-base URL   arXiv API base for papers by id (default ${DEFAULT_ARXIV_BASE}, env PAPER_NOTES_ARXIV_BASE)`,
    '  --timeout SECONDS  network timeout (default 15)',
    '  --help             this text; `paper-notes <command> --help` for one command',
  ].join('\n');
}

function commandUsage(c: Command): string {
  return `usage: paper-notes ${c.usage.replace(/^\S+\s*/, `${c.name} `).trim()}\n\n${c.summary}\n\nglobal options: --cache DIR, --api-base URL, --arxiv-base URL, --timeout SECONDS, --help`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(mainUsage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(PAPER_NOTES_VERSION);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`error: unknown command '${name}'\n\n${mainUsage()}`);
    return 2;
  }
  let ctx: Context;
  let parsed;
  try {
    parsed = parseArgs(rest, { ...GLOBAL, ...command.options });
    if (parsed.options.help) {
      io.out(commandUsage(command));
      return 0;
    }
    const timeout = str(parsed, 'timeout') ?? '15';
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got '${timeout}'`);
    const apiBase = str(parsed, 'api-base') ?? io.env.PAPER_NOTES_API_BASE ?? 'https://huggingface.co';
    if (!/^https?:\/\//.test(apiBase)) throw new UsageError(`--api-base must be an http(s) URL, got '${apiBase}'`);
    const arxivBase = str(parsed, 'arxiv-base') ?? io.env.PAPER_NOTES_ARXIV_BASE ?? DEFAULT_ARXIV_BASE;
    if (!/^https?:\/\//.test(arxivBase)) throw new UsageError(`--arxiv-base must be an http(s) URL, got '${arxivBase}'`);
    const cache = str(parsed, 'cache');
    ctx = {
      ...io,
      cacheDir: cache ? resolve(io.cwd, cache) : defaultCacheDir(io.env),
      apiBase: apiBase.replace(/\/+$/, ''),
      arxivBase: arxivBase.replace(/\/+$/, ''),
      timeoutMs: seconds * 1000,
    };
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n\n${commandUsage(command)}`);
      return 2;
    }
    throw e;
  }
  try {
    await command.run(parsed, ctx);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n\n${commandUsage(command)}`);
      return 2;
    }
    if (e instanceof ReportedFailure) return 1;
    const message = e instanceof Error ? e.message : String(e);
    io.err(`error: ${message.split('\n')[0]}`);
    if (io.env.PAPER_NOTES_DEBUG && e instanceof Error) io.err(e.stack ?? '');
    return 1;
  }
}

if (require.main === module) {
  // `paper-notes papers | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const io: Io = {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    cwd: process.cwd(),
    fs: nodeFileSystem,
    fetch: (url, init) => fetch(url, init),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
