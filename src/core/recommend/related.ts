// Related, for the note being written: the known documents and the other notes most similar to it, leaving
// out the note itself and what it already cites. The note's words and, at half weight, the documents it
// cites make the query, so a note that only links papers still finds their neighbours.
import { dotDense, vectorise, weigh } from './features';
import { docText, type Profile, type ProfileNote } from './profile';

export interface RelatedResult {
  papers: Array<{ id: string; title: string; score: number }>;
  notes: Array<{ path: string; score: number }>;
}

export interface RelatedOptions {
  limit?: number;
  /** Cosines below this are noise, not relation. */
  minScore?: number;
  /** Restrict papers to these ids (e.g. the cached ones); default every known document. */
  papers?: Iterable<string>;
}

const CITED_WEIGHT = 0.5;

export function related(profile: Profile, note: Omit<ProfileNote, 'modifiedMs'>, opts: RelatedOptions = {}): RelatedResult {
  const limit = opts.limit ?? 10;
  const minScore = opts.minScore ?? 0.03;
  const vocab = profile.vocab;
  // The query is summed sparsely (a note has a few thousand features, the vocabulary may have millions), then
  // spread into a dense vector for the dot products. Vectorising adds the note's new words to the vocabulary
  // (they are not counted in the frequencies, and no other document has them).
  const sparse = new Map<number, number>();
  const add = (text: string, scale: number) => {
    const x = weigh(vectorise(text, vocab), vocab);
    for (let i = 0; i < x.ids.length; i++) sparse.set(x.ids[i], (sparse.get(x.ids[i]) ?? 0) + scale * x.w[i]);
  };
  add(`${note.title ?? ''}\n${note.text}`, 1);
  const cited = new Set(note.cites);
  for (const id of cited) {
    const d = profile.docs.get(id);
    if (d) add(docText(d.value), CITED_WEIGHT);
  }
  let norm = 0;
  for (const v of sparse.values()) norm += v * v;
  if (norm === 0) return { papers: [], notes: [] };
  norm = Math.sqrt(norm);
  const query = new Float64Array(vocab.size);
  for (const [id, v] of sparse) query[id] = v / norm;

  const papers: RelatedResult['papers'] = [];
  const ids = opts.papers ? [...opts.papers] : [...profile.docs.keys()];
  for (const id of ids) {
    if (cited.has(id)) continue;
    const e = profile.docs.get(id);
    if (!e) continue;
    const score = dotDense(profile.weighted(e), query);
    if (score >= minScore) papers.push({ id, title: e.value.title, score: round(score) });
  }
  const notes: RelatedResult['notes'] = [];
  for (const [path, e] of profile.notes) {
    if (path === note.path) continue;
    const score = dotDense(profile.weighted(e), query);
    if (score >= minScore) notes.push({ path, score: round(score) });
  }
  papers.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  notes.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  return { papers: papers.slice(0, limit), notes: notes.slice(0, limit) };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
