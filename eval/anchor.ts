// arxiv-sanity-lite's recipe, reimplemented faithfully as the anchor (compute.py + serve.py's svm_rank):
// TfidfVectorizer(strip_accents='unicode', lowercase, stop_words='english',
//   token_pattern=r'(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b', ngram_range=(1, 2), max_features=20000, norm='l2',
//   use_idf, smooth_idf, sublinear_tf, max_df=0.1, min_df=5) over title + abstract + authors of every paper in
// the database; LinearSVC(class_weight='balanced', C=0.01, tol=1e-6) with the user's tagged papers as
// positives and every other paper as negatives; papers ranked by decision value.
import { trainSvm, decision, type Weighted } from '../src/core/recommend';
import { SKLEARN_ENGLISH_STOP_WORDS } from './stop-words';

export interface AnchorPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

// Tokens per paper id: a pure function of the paper, shared by every workspace's database.
const analysed = new Map<string, string[]>();
const TOKEN = /\b[a-zA-Z_][a-zA-Z0-9_]+\b/g;

function analyse(text: string): string[] {
  const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = (plain.match(TOKEN) ?? []).filter((w) => !SKLEARN_ENGLISH_STOP_WORDS.has(w));
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

export interface AnchorOptions {
  maxFeatures?: number;
  minDf?: number;
  maxDf?: number;
  C?: number;
}

/** Ranks `candidates` (ids, all in `db`) for a user who tagged `tagged`. Returns ids best first. */
export function anchorRank(db: AnchorPaper[], tagged: Set<string>, candidates: string[], opts: AnchorOptions = {}): string[] {
  const docs = db.map((p) => {
    let d = analysed.get(p.id);
    if (!d) analysed.set(p.id, (d = analyse(`${p.title} ${p.abstract} ${p.authors.join(' ')}`)));
    return d;
  });
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const d of docs) {
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = docs.length;
  const minDf = opts.minDf ?? 5;
  const maxCount = Math.floor((opts.maxDf ?? 0.1) * n);
  const kept = [...df].filter(([, c]) => c >= minDf && c <= maxCount).map(([t]) => t);
  kept.sort((a, b) => tf.get(b)! - tf.get(a)! || (a < b ? -1 : 1));
  const vocab = new Map(kept.slice(0, opts.maxFeatures ?? 20000).map((t, i) => [t, i]));
  const idf = new Float64Array(vocab.size);
  for (const [t, i] of vocab) idf[i] = Math.log((1 + n) / (1 + df.get(t)!)) + 1;
  const vectors: Weighted[] = docs.map((d) => {
    const counts = new Map<number, number>();
    for (const t of d) {
      const i = vocab.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const ids = Int32Array.from(counts.keys()).sort();
    const w = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      w[k] = (1 + Math.log(counts.get(id)!)) * idf[id];
      norm += w[k] * w[k];
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k] /= norm;
    return { ids, w };
  });
  const model = trainSvm(
    db.map((p, i) => ({ x: vectors[i], y: tagged.has(p.id) ? 1 : -1 })),
    { C: opts.C ?? 0.01, balanced: true, dimension: vocab.size, tolerance: 1e-4, maxEpochs: 1000 },
  );
  const index = new Map(db.map((p, i) => [p.id, i]));
  const scored = candidates.map((id) => ({ id, s: decision(model, vectors[index.get(id)!]) }));
  return scored.sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1)).map((x) => x.id);
}
