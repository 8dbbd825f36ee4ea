// The one reader for what people paste or pass as a paper: arXiv ids (new- and old-style, with or without a version
// or an `arXiv:` prefix), arXiv abs/pdf/html URLs, Hugging Face and alphaXiv paper pages, several of them separated
// by whitespace or commas, and the arguments editor commands receive (an id, a tree node, `{id}`).
import { parseArxivId } from './model';

export interface PaperIdRef {
  /** Without version: `2401.01234`, `hep-th/9901001`. */
  id: string;
  /** `v2` when the text named one; a version pins text, not identity. */
  version?: string;
}

/** Hosts whose paper pages carry the id in the path, and the path prefixes before it. */
const PAGES: Array<{ host: RegExp; prefix: RegExp }> = [
  { host: /^(?:www\.|export\.)?arxiv\.org$/, prefix: /^\/(?:abs|pdf|html|format)\// },
  { host: /^(?:www\.)?huggingface\.co$/, prefix: /^\/papers\// },
  { host: /^(?:www\.)?alphaxiv\.org$/, prefix: /^\/(?:abs|overview|pdf)\// },
];

/** Punctuation that ends up stuck to a pasted token from the prose around it. */
const WRAPPING = /^[<("'[]+|[>)"'\].,;:!?]+$/g;

/** One id or paper URL → the id; undefined for anything else. */
export function parsePaperId(text: string): PaperIdRef | undefined {
  const t = text.trim();
  if (!t || t.length > 2048) return undefined;
  return bare(t) ?? fromUrl(t) ?? bare(t.replace(WRAPPING, '')) ?? fromUrl(t.replace(WRAPPING, ''));
}

/** `2401.01234v2`, `arXiv:2401.01234`, `hep-th/9901001` */
function bare(t: string): PaperIdRef | undefined {
  return parseArxivId(t.replace(/^arxiv:\s*/i, ''));
}

function fromUrl(t: string): PaperIdRef | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const page = PAGES.find((p) => p.host.test(url.hostname.toLowerCase()));
  if (!page) return undefined;
  const m = page.prefix.exec(url.pathname);
  if (!m) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(url.pathname.slice(m[0].length));
  } catch {
    return undefined;
  }
  return parseArxivId(rest.replace(/\/+$/, '').replace(/\.pdf$/i, ''));
}

export interface ParsedPaperIds {
  /** In the order given, each id once (the first version named wins). */
  ids: PaperIdRef[];
  /** Tokens that are neither ids nor paper URLs, as given. */
  invalid: string[];
}

/** Several ids/URLs pasted together, separated by whitespace, commas or semicolons. */
export function parsePaperIds(text: string): ParsedPaperIds {
  const ids: PaperIdRef[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const ref = parsePaperId(token);
    if (!ref) invalid.push(token);
    else if (!seen.has(ref.id)) {
      seen.add(ref.id);
      ids.push(ref);
    }
  }
  return { ids, invalid };
}

/**
 * The paper id of an editor command's argument: an id or URL string, a tree node `{paper: {id}}`, `{paperId}` or
 * `{id}`; undefined otherwise.
 */
export function paperIdFromArg(arg: unknown): string | undefined {
  let raw: unknown = arg;
  if (raw && typeof raw === 'object') {
    const o = raw as { id?: unknown; paperId?: unknown; paper?: { id?: unknown } };
    raw = o.paper?.id ?? o.paperId ?? o.id;
  }
  return typeof raw === 'string' ? parsePaperId(raw)?.id : undefined;
}
