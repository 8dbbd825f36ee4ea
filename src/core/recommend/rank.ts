// For You: ranking candidate documents against a Profile. Three signals, each standardised over the
// candidates and blended: arxiv-sanity-lite's linear SVM (positives: cited documents and the notes
// themselves; negatives: Not Interested, the candidates and recent background documents), the similarity
// to the profile's centroid, and the similarity to the nearest positives (which keeps side interests
// alive that a single hyperplane or centroid averages away). The nearest positives are also the reason.
import { dotDense, type Weighted } from './features';
import { NO_FILTER, Profile, type FeatureFilter, type ProfileDoc } from './profile';
import { decision, trainSvm, type SvmSample } from './svm';

export interface Reason {
  /** Paths of the closest notes. */
  notes: string[];
  /** Ids of the closest cited (or Interested) documents. */
  papers: string[];
  /** Readable shared terms, strongest first. */
  terms: string[];
}

export interface Ranked {
  id: string;
  title: string;
  score: number;
  /** Empty lists when the model cannot place the paper: nothing near it in the notes. */
  reason: Reason;
  placed: boolean;
}

export type Ranking = { status: 'ranked'; papers: Ranked[] } | { status: 'no-notes' };

export interface RankOptions {
  /** ms since the epoch that recency is measured from; default: the newest note's time. */
  now?: number;
  /** Blend weights of the standardised signals. */
  weights?: { svm: number; centroid: number; nearest: number };
  C?: number;
  /** Days after which a note counts half as much. */
  halfLifeDays?: number;
  /** Positives used at most (highest weight first), so a 10k-note workspace ranks in bounded time. */
  maxPositives?: number;
  /** Background documents used as negatives at most. */
  maxBackground?: number;
  /** Nearest positives averaged for the nearest-neighbour signal. */
  k?: number;
  /** Below this cosine to every positive, a paper is not placed. */
  placeThreshold?: number;
  /** Feature document-frequency bounds (see FeatureFilter). */
  filter?: FeatureFilter;
  /** Weight of a note's own words relative to a cited paper. */
  noteWeight?: number;
  /** Notes with fewer distinct features than this lend their citations but are no positives themselves. */
  minNoteFeatures?: number;
}

export const DEFAULTS = {
  // Chosen on the evaluation's tuning split (EVALUATION.md): the SVM carries the ranking; a little centroid and
  // nearest-positive similarity keeps side interests that one hyperplane averages away.
  weights: { svm: 1, centroid: 0.2, nearest: 0.2 },
  C: 0.03,
  halfLifeDays: 180,
  maxPositives: 800,
  maxBackground: 1000,
  k: 3,
  placeThreshold: 0.04,
  filter: NO_FILTER,
  noteWeight: 1,
  // A note of a few words ("read this week [@key]") says nothing of its own: its citations speak for it.
  minNoteFeatures: 20,
};

interface Positive {
  kind: 'note' | 'doc';
  key: string;
  x: Weighted;
  entry?: unknown;
  weight: number;
  /** For a document: the notes citing it, as [modified, path]. */
  citedBy?: Array<[number, string]>;
}

const DAY_MS = 86_400_000;
const UNWEIGHTED: Weighted = { ids: new Int32Array(0), w: new Float64Array(0) };
const NOT_INTERESTED_WEIGHT = 3;
const INTERESTED_WEIGHT = 2;
/** In standard deviations of the blended score: enough to move a dismissed paper well down, not off the list. */
const DISMISSED_PENALTY = 3;
const DISMISSED_SIMILARITY = 0.5;

/** The profile's positives with their weights: recency for notes, summed citing-note weights for documents. */
export function positives(profile: Profile, opts: RankOptions = {}): Positive[] {
  const halfLife = (opts.halfLifeDays ?? DEFAULTS.halfLifeDays) * DAY_MS;
  let now = opts.now ?? 0;
  if (opts.now === undefined) for (const { value } of profile.notes.values()) now = Math.max(now, value.modifiedMs ?? 0);
  const notInterested = new Set(profile.feedback.notInterested);
  const filter = opts.filter ?? DEFAULTS.filter;
  const noteWeight = opts.noteWeight ?? DEFAULTS.noteWeight;
  const minFeatures = opts.minNoteFeatures ?? DEFAULTS.minNoteFeatures;
  const out: Positive[] = [];
  const docWeight = new Map<string, number>();
  const citing = new Map<string, Array<[number, string]>>();
  for (const e of profile.notes.values()) {
    const age = e.value.modifiedMs === undefined ? 0 : Math.max(0, now - e.value.modifiedMs);
    const recency = 0.3 + 0.7 * 0.5 ** (age / halfLife);
    if (e.vec.ids.length > Math.max(0, minFeatures - 1)) out.push({ kind: 'note', key: e.value.path, x: UNWEIGHTED, entry: e, weight: recency * noteWeight });
    for (const id of new Set(e.value.cites)) {
      docWeight.set(id, (docWeight.get(id) ?? 0) + recency);
      if (!citing.has(id)) citing.set(id, []);
      citing.get(id)!.push([e.value.modifiedMs ?? 0, e.value.path]);
    }
  }
  for (const id of profile.feedback.interested) docWeight.set(id, Math.max(docWeight.get(id) ?? 0, INTERESTED_WEIGHT));
  for (const [id, w] of docWeight) {
    const e = profile.docs.get(id);
    if (!e || notInterested.has(id) || e.vec.ids.length === 0) continue;
    // Repeated citations count more, with diminishing returns.
    const citedBy = citing.get(id);
    const weight = Math.min(3, 1 + Math.log(Math.max(w, 1))) * Math.min(1, w);
    out.push({ kind: 'doc', key: id, x: UNWEIGHTED, entry: e, weight, citedBy });
  }
  const max = opts.maxPositives ?? DEFAULTS.maxPositives;
  if (out.length > max) out.sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1)).length = max;
  // Weighted only once chosen: most of a large workspace's notes do not make the cut.
  for (const p of out) p.x = profile.weighted(p.entry as Parameters<Profile['weighted']>[0], filter);
  return out;
}

export function rank(profile: Profile, candidates: ProfileDoc[], opts: RankOptions = {}): Ranking {
  profile.setDocs(candidates);
  if (!profile.hasNotes) return { status: 'no-notes' };
  const pos = positives(profile, opts);
  if (pos.length === 0) return { status: 'no-notes' };
  const weights = opts.weights ?? DEFAULTS.weights;
  const filter = opts.filter ?? DEFAULTS.filter;
  const cands = uniqueById(candidates).map((c) => ({ doc: c, x: profile.weighted(profile.docs.get(c.id)!, filter) }));
  const dim = profile.vocab.size;

  // The SVM, trained as arxiv-sanity-lite does: everything that is not a positive is a negative.
  const positiveDocs = new Set(pos.filter((p) => p.kind === 'doc').map((p) => p.key));
  const samples: SvmSample[] = pos.map((p) => ({ x: p.x, y: 1, weight: p.weight }));
  const seen = new Set(positiveDocs);
  for (const id of profile.feedback.notInterested) {
    const e = profile.docs.get(id);
    if (!e || seen.has(id)) continue;
    seen.add(id);
    samples.push({ x: profile.weighted(e, filter), y: -1, weight: NOT_INTERESTED_WEIGHT });
  }
  for (const c of cands) {
    if (seen.has(c.doc.id)) continue;
    seen.add(c.doc.id);
    samples.push({ x: c.x, y: -1 });
  }
  for (const id of profile.recentDocs(opts.maxBackground ?? DEFAULTS.maxBackground, seen)) {
    samples.push({ x: profile.weighted(profile.docs.get(id)!, filter), y: -1 });
  }
  const model = weights.svm ? trainSvm(samples, { C: opts.C ?? DEFAULTS.C, balanced: true, dimension: dim }) : undefined;

  // The centroid of the positives, by weight. Left unnormalised: its cosines are standardised over the day,
  // which a constant factor does not change, and normalising would walk the whole vocabulary.
  const centroid = new Float64Array(dim);
  for (const p of pos) for (let i = 0; i < p.x.ids.length; i++) centroid[p.x.ids[i]] += p.weight * p.x.w[i];

  const sims = similarities(cands.map((c) => c.x), pos, dim);
  const k = opts.k ?? DEFAULTS.k;
  const svm = cands.map((c) => (model ? decision(model, c.x) : 0));
  const cent = cands.map((c) => dotDense(c.x, centroid));
  // Papers like a Not Interested one lose some of their nearness; the dismissed paper itself sinks.
  const dismissed = profile.feedback.notInterested.filter((id) => profile.docs.has(id));
  const dismissedSet = new Set(dismissed);
  const negatives = dismissed.map((id) => ({ kind: 'doc' as const, key: id, x: profile.weighted(profile.docs.get(id)!, filter), weight: 1 }));
  const negSims = negatives.length ? similarities(cands.map((c) => c.x), negatives, dim) : undefined;
  const near = sims.map((row, i) => topMean(row, k) - (negSims ? DISMISSED_SIMILARITY * topMean(negSims[i], 1) : 0));
  const zs = [standardise(svm), standardise(cent), standardise(near)];
  const threshold = opts.placeThreshold ?? DEFAULTS.placeThreshold;
  const ranked: Ranked[] = cands.map((c, i) => {
    let score = weights.svm * zs[0][i] + weights.centroid * zs[1][i] + weights.nearest * zs[2][i];
    if (dismissedSet.has(c.doc.id)) score -= DISMISSED_PENALTY;
    const reason = explain(profile, c.x, pos, sims[i], threshold);
    const placed = reason.notes.length + reason.papers.length > 0;
    return { id: c.doc.id, title: c.doc.title, score: Math.round(score * 1e4) / 1e4, reason, placed };
  });
  ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { status: 'ranked', papers: ranked };
}

/** Cosine of each candidate with each positive, through an inverted index over the (few) candidates. */
function similarities(cands: Weighted[], pos: Positive[], dim: number): Float64Array[] {
  const head = new Int32Array(dim).fill(-1);
  const next: number[] = [];
  const cand: number[] = [];
  const weight: number[] = [];
  cands.forEach((x, c) => {
    for (let i = 0; i < x.ids.length; i++) {
      if (x.w[i] === 0) continue;
      next.push(head[x.ids[i]]);
      head[x.ids[i]] = cand.length;
      cand.push(c);
      weight.push(x.w[i]);
    }
  });
  const rows = cands.map(() => new Float64Array(pos.length));
  pos.forEach((p, j) => {
    for (let i = 0; i < p.x.ids.length; i++) {
      const id = p.x.ids[i];
      if (id >= dim) continue;
      for (let e = head[id]; e >= 0; e = next[e]) rows[cand[e]][j] += weight[e] * p.x.w[i];
    }
  });
  return rows;
}

function explain(profile: Profile, x: Weighted, pos: Positive[], row: Float64Array, threshold: number): Reason {
  const order = [...row.keys()].filter((j) => row[j] >= threshold).sort((a, b) => row[b] - row[a]);
  const notes: string[] = [];
  const papers: string[] = [];
  const used: Positive[] = [];
  for (const j of order) {
    const p = pos[j];
    if (p.kind === 'note') {
      if (notes.length >= 2 || notes.includes(p.key)) continue;
      notes.push(p.key);
    } else {
      if (papers.length >= 2) continue;
      papers.push(p.key);
      // "like [@key], cited in rlhf.md": the note that cites the paper is a reason too.
      const citers = (p.citedBy ?? []).sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)); // most recent first
      const citer = citers.map(([, path]) => path).find((n) => !notes.includes(n));
      if (citer && notes.length < 2) notes.push(citer);
    }
    used.push(p);
    if (notes.length >= 2 && papers.length >= 2) break;
  }
  return { notes, papers, terms: sharedTerms(profile, x, used) };
}

/** The features that carry the similarity between a candidate and its nearest positives, readable. */
function sharedTerms(profile: Profile, x: Weighted, near: Positive[], limit = 4): string[] {
  if (near.length === 0) return [];
  const share = new Map<number, number>();
  for (const p of near) {
    let i = 0;
    let j = 0;
    while (i < x.ids.length && j < p.x.ids.length) {
      if (x.ids[i] === p.x.ids[j]) {
        share.set(x.ids[i], (share.get(x.ids[i]) ?? 0) + x.w[i] * p.x.w[j]);
        i++;
        j++;
      } else if (x.ids[i] < p.x.ids[j]) i++;
      else j++;
    }
  }
  const names = profile.vocab.names;
  const out: string[] = [];
  const covered = new Set<string>();
  for (const [id] of [...share].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    const parts = names[id].split(' ');
    if (parts.some((s) => covered.has(s))) continue; // a bigram's word is already named, or the reverse
    parts.forEach((s) => covered.add(s));
    const word = profile.vocab.display(id);
    if (!out.includes(word)) out.push(word);
    if (out.length >= limit) break;
  }
  return out;
}

function topMean(row: Float64Array, k: number): number {
  if (row.length === 0) return 0;
  const top: number[] = []; // the k largest, ascending: a selection, not a sort of the whole row
  for (const v of row) {
    if (top.length === k && v <= top[0]) continue;
    let i = 0;
    while (i < top.length && top[i] < v) i++;
    top.splice(i, 0, v);
    if (top.length > k) top.shift();
  }
  return top.reduce((s, v) => s + v, 0) / top.length;
}

function standardise(v: number[]): number[] {
  const n = v.length;
  if (n === 0) return v;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  return v.map((x) => (sd > 1e-12 ? (x - mean) / sd : 0));
}

function uniqueById(docs: ProfileDoc[]): ProfileDoc[] {
  const seen = new Set<string>();
  return docs.filter((d) => !seen.has(d.id) && (seen.add(d.id), true));
}
