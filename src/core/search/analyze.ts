// Turning documents into index terms, exactly as a default lunr index would (tokenizer → trimmer →
// stop words → stemmer), so our segments and a single lunr index over the same fields agree on every
// term. The per-word results are memoised: stemming is most of lunr's build time and words repeat.
import lunr from 'lunr';

/** The searchable fields shared by notes and papers, with lunr-style boosts. */
export const FIELDS = ['title', 'tags', 'headings', 'body', 'authors', 'cited'] as const;
export type FieldName = (typeof FIELDS)[number];
/**
 * `cited` holds the title/abstract/keywords of the papers a note cites: it lets a note be found by its
 * papers' topics, but weighted well below the note's own words.
 */
export const FIELD_BOOSTS: Record<FieldName, number> = { title: 10, tags: 5, headings: 3, body: 1, authors: 2, cited: 0.2 };

/** One document's field texts, as given to the analyser (and to a reference lunr index). */
export type DocFields = Record<FieldName, string>;

/** A document's terms: per field, term → frequency, and the field's length in terms. */
export interface AnalysedDoc {
  key: string;
  terms: Array<Map<string, number>>;
  lengths: number[];
}

const WORD_CACHE_LIMIT = 500_000;
const wordCache = new Map<string, string | null>();

// lunr.tokenizer lowercases and splits on whitespace and hyphens; this is the same split without
// allocating lunr.Token objects for every word.
const SEPARATOR = /[\s-]+/;

/** The index term of one lowercased word, or null when lunr would drop it (a stop word). */
export function termOf(word: string): string | null {
  let t = wordCache.get(word);
  if (t !== undefined) return t;
  let token: lunr.Token | undefined = new lunr.Token(word, {});
  token = lunr.trimmer(token) as lunr.Token | undefined;
  if (token) token = lunr.stopWordFilter(token) as lunr.Token | undefined;
  if (token) token = lunr.stemmer(token) as lunr.Token | undefined;
  t = token === undefined || token === null ? null : token.toString();
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(word, t);
  return t;
}

/** The index terms of a text, in order (duplicates kept, as lunr counts them for field length). */
export function terms(text: string): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const w of text.toLowerCase().split(SEPARATOR)) {
    if (w === '') continue;
    const t = termOf(w);
    if (t !== null) out.push(t);
  }
  return out;
}

/** The query-side pipeline of a default lunr index: the stemmer only. */
export function queryTerm(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}

export function analyse(key: string, fields: DocFields): AnalysedDoc {
  const termMaps: Array<Map<string, number>> = [];
  const lengths: number[] = [];
  for (const f of FIELDS) {
    const ts = terms(fields[f]);
    const m = new Map<string, number>();
    for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
    termMaps.push(m);
    lengths.push(ts.length);
  }
  return { key, terms: termMaps, lengths };
}

/** Term frequencies and length of one text, for reuse (a paper's contribution to its citers' `cited` field). */
export interface TermCounts {
  terms: Map<string, number>;
  length: number;
}

export function countTerms(text: string): TermCounts {
  const ts = terms(text);
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  return { terms: m, length: ts.length };
}

const CITED = FIELDS.indexOf('cited');

/**
 * `analyse`, with the `cited` field summed from precomputed parts instead of re-tokenising every cited
 * paper for every note that cites it. Equal to analysing the parts joined by newlines.
 */
export function analyseWithCited(key: string, fields: DocFields, cited: TermCounts[]): AnalysedDoc {
  const doc = analyse(key, { ...fields, cited: '' });
  const m = doc.terms[CITED];
  let length = 0;
  for (const part of cited) {
    length += part.length;
    for (const [t, tf] of part.terms) m.set(t, (m.get(t) ?? 0) + tf);
  }
  doc.lengths[CITED] = length;
  return doc;
}
