// Typed failures of the paper sources. Each carries a `kind` callers can branch on and a one-line message a person
// can act on (the CLI prints it after `error: `, the sidebar shows it in a notification).

export type PaperSourceErrorKind = 'network' | 'timeout' | 'http' | 'not-json' | 'shape';

export interface PaperSourceErrorInit {
  kind: PaperSourceErrorKind;
  /** Who we were talking to, for the message: 'Daily Papers', 'arXiv', 'import'. */
  source: string;
  /** The URL (or file) involved. */
  url: string;
  status?: number;
  timeoutMs?: number;
  /** A short detail: the underlying error, a body excerpt, what was found instead. */
  detail?: string;
}

export class PaperSourceError extends Error {
  readonly kind: PaperSourceErrorKind;
  readonly source: string;
  readonly url: string;
  readonly status?: number;

  constructor(init: PaperSourceErrorInit) {
    super(messageFor(init));
    this.name = 'PaperSourceError';
    this.kind = init.kind;
    this.source = init.source;
    this.url = init.url;
    this.status = init.status;
  }
}

/** One line, printable: control characters and newlines from untrusted bodies are flattened and the excerpt is short. */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function messageFor(e: PaperSourceErrorInit): string {
  const where = `(${oneLine(e.url, 200)})`;
  const detail = e.detail ? `: ${oneLine(e.detail)}` : '';
  switch (e.kind) {
    case 'timeout': {
      const s = e.timeoutMs !== undefined ? `${Math.round(e.timeoutMs / 100) / 10} s` : 'the time limit';
      return `${e.source} request timed out after ${s} ${where} — check your connection or raise the timeout`;
    }
    case 'network':
      return `could not reach ${e.source} ${where}${detail} — check your connection and the API base URL`;
    case 'http':
      if (e.status === 429) return `${e.source} is rate limiting us (HTTP 429) ${where} — wait a minute and try again`;
      if (e.status !== undefined && e.status >= 500) return `${e.source} answered HTTP ${e.status} ${where} — the service is having trouble; try again later`;
      if (e.status === 404) return `${e.source} answered HTTP 404 ${where} — check the date or id and the API base URL`;
      return `${e.source} answered HTTP ${e.status ?? '?'} ${where} — check the API base URL`;
    case 'not-json':
      return `${e.source} sent a response that is not valid JSON ${where}${detail} — the service may be down or the API base URL may be wrong`;
    case 'shape':
      return `${e.source} sent data in an unexpected shape ${where}${detail} — the API may have changed; try again later or report it`;
  }
}
