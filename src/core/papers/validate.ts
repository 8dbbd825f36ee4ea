// Defensive parsing of the Daily Papers API shape (and the plain import shape) into Papers.
// The API is undocumented and everything in it is untrusted: an item without a usable id or title is skipped and
// counted, duplicates are merged, unknown fields ignored, URLs kept only when http(s), and every string trimmed
// and capped so one hostile item cannot blow up the cache or the views.
import { parseArxivId, safeHttpUrl, type Paper } from './model';

export const LIMITS = {
  title: 1_000,
  abstract: 100_000,
  aiSummary: 5_000,
  authors: 1_000,
  authorName: 300,
  keywords: 50,
  keyword: 100,
  items: 20_000,
} as const;

export interface ValidationResult {
  papers: Paper[];
  /** Items dropped: not an object, no `paper`, no arXiv id, no title. */
  skipped: number;
  /** Items whose id was already seen (merged into the first). */
  merged: number;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Control characters out (tabs and newlines stay), trimmed, capped. */
function text(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  const t = v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}
/** Same, on one line: titles and names never span lines. */
const line = (v: unknown, max: number) => text(v, max * 4).replace(/\s+/g, ' ').slice(0, max);

function count(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 1e9) : 0;
}

function isoTime(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function authorsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const a of v.slice(0, LIMITS.authors)) {
    const name = line(typeof a === 'string' ? a : isRec(a) ? a.name : undefined, LIMITS.authorName);
    if (name) out.push(name);
  }
  return out;
}

function keywordsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const k of v) {
    const w = line(k, LIMITS.keyword);
    if (w && !out.includes(w)) out.push(w);
    if (out.length >= LIMITS.keywords) break;
  }
  return out;
}

/**
 * One paper from a flat record: the API's `paper` object (summary, ai_keywords…) or an import record
 * (abstract, keywords…). `outer` is the surrounding Daily Papers item, for numComments and fallbacks.
 */
export function paperFromRecord(p: Rec, outer: Rec = {}, day?: string): Paper | undefined {
  const parsed = typeof p.id === 'string' ? parseArxivId(p.id) : undefined;
  const title = line(p.title ?? outer.title, LIMITS.title);
  if (!parsed || !title) return undefined;
  const paper: Paper = {
    id: parsed.id,
    title,
    abstract: text(p.summary ?? p.abstract ?? outer.summary, LIMITS.abstract),
    authors: authorsOf(p.authors),
    upvotes: count(p.upvotes),
    numComments: count(outer.numComments ?? p.numComments),
    aiKeywords: keywordsOf(p.ai_keywords ?? p.aiKeywords ?? p.keywords),
  };
  if (parsed.version) paper.version = parsed.version;
  const publishedAt = isoTime(p.publishedAt ?? outer.publishedAt);
  if (publishedAt) paper.publishedAt = publishedAt;
  if (day) paper.day = day;
  const aiSummary = text(p.ai_summary ?? p.aiSummary, LIMITS.aiSummary);
  if (aiSummary) paper.aiSummary = aiSummary;
  const githubRepo = safeHttpUrl(p.githubRepo);
  if (githubRepo) paper.githubRepo = githubRepo;
  const projectPage = safeHttpUrl(p.projectPage);
  if (projectPage) paper.projectPage = projectPage;
  return paper;
}

const versionNumber = (v?: string) => (v ? Number(v.slice(1)) : 0);

/** Folds a duplicate into the first copy: missing fields filled, counts and version take the larger. */
export function mergePaper(a: Paper, b: Paper): Paper {
  const m: Paper = { ...b, ...a };
  if (!a.abstract) m.abstract = b.abstract;
  if (!a.authors.length) m.authors = b.authors;
  if (!a.aiKeywords.length) m.aiKeywords = b.aiKeywords;
  m.upvotes = Math.max(a.upvotes, b.upvotes);
  m.numComments = Math.max(a.numComments, b.numComments);
  if (versionNumber(b.version) > versionNumber(a.version)) m.version = b.version;
  return m;
}

/** Papers from a list of records, deduplicated by id in first-seen order. */
function collect(items: unknown[], toPaper: (item: unknown) => Paper | undefined): ValidationResult {
  const byId = new Map<string, Paper>();
  let skipped = 0;
  let merged = 0;
  for (const item of items.slice(0, LIMITS.items)) {
    const paper = toPaper(item);
    if (!paper) {
      skipped++;
      continue;
    }
    const prior = byId.get(paper.id);
    if (prior) merged++;
    byId.set(paper.id, prior ? mergePaper(prior, paper) : paper);
  }
  skipped += Math.max(0, items.length - LIMITS.items);
  return { papers: [...byId.values()], skipped, merged };
}

/** Daily Papers items (`[{ paper: {…}, numComments, … }]`). */
export function validateDailyItems(items: unknown[], day?: string): ValidationResult {
  return collect(items, (item) => (isRec(item) && isRec(item.paper) ? paperFromRecord(item.paper, item, day) : undefined));
}

/** Either shape per item: Daily Papers items or plain `{id, title, abstract, authors}` records. */
export function validateAnyItems(items: unknown[]): ValidationResult {
  return collect(items, (item) => {
    if (!isRec(item)) return undefined;
    return isRec(item.paper) ? paperFromRecord(item.paper, item) : paperFromRecord(item);
  });
}
