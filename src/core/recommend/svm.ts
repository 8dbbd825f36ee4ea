// A linear SVM as scikit-learn's LinearSVC trains it (liblinear's dual coordinate descent for the
// L2-regularised squared hinge loss, Hsieh et al. 2008), with the bias as an extra constant feature that is
// regularised too (liblinear's intercept_scaling = 1). Written here rather than pulled in: it is 60 lines,
// and the recommender needs per-sample weights and sparse input that no small npm package offers.
import type { Weighted } from './features';

export interface SvmSample {
  x: Weighted;
  /** +1 or -1. */
  y: 1 | -1;
  /** Multiplies C for this sample (recency, repeated citations, explicit feedback). Default 1. */
  weight?: number;
}

export interface SvmOptions {
  /** Inverse regularisation strength; arxiv-sanity-lite uses 0.01 (strong regularisation). */
  C: number;
  /** Weighs each class by n / (2 · n_class), as class_weight='balanced'. */
  balanced?: boolean;
  maxEpochs?: number;
  tolerance?: number;
  /** Feature count (dense weight vector length). */
  dimension: number;
  /** Deterministic order of the coordinate sweeps. */
  seed?: number;
}

export interface LinearModel {
  w: Float64Array;
  b: number;
}

export function trainSvm(all: SvmSample[], opts: SvmOptions): LinearModel {
  // A sample weighing nothing has no place in the problem (its C would be 0).
  const samples = all.filter((s) => (s.weight ?? 1) > 0);
  const n = samples.length;
  const w = new Float64Array(opts.dimension);
  let b = 0;
  if (n === 0) return { w, b };
  let pos = 0;
  for (const s of samples) if (s.y > 0) pos++;
  const neg = n - pos;
  const diag = new Float64Array(n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = samples[i];
    const classWeight = opts.balanced ? n / (2 * (s.y > 0 ? pos : neg)) : 1;
    const c = opts.C * classWeight * (s.weight ?? 1);
    diag[i] = 0.5 / c;
    let xx = 1; // the bias feature
    for (let k = 0; k < s.x.w.length; k++) xx += s.x.w[k] * s.x.w[k];
    q[i] = xx + diag[i];
  }
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  let rand = (opts.seed ?? 1) >>> 0 || 1;
  const next = () => ((rand = (Math.imul(rand, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const maxEpochs = opts.maxEpochs ?? 100;
  const tolerance = opts.tolerance ?? 1e-3;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const { x, y } = samples[i];
      let wx = b;
      for (let k = 0; k < x.ids.length; k++) wx += w[x.ids[k]] * x.w[k];
      const g = y * wx - 1 + diag[i] * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i];
      alpha[i] = Math.max(old - g / q[i], 0);
      const d = (alpha[i] - old) * y;
      if (d === 0) continue;
      for (let k = 0; k < x.ids.length; k++) w[x.ids[k]] += d * x.w[k];
      b += d;
    }
    if (maxPg - minPg < tolerance) break;
  }
  return { w, b };
}

/** The model's decision value for one vector: w·x + b. */
export function decision(model: LinearModel, x: Weighted): number {
  let s = model.b;
  for (let k = 0; k < x.ids.length; k++) {
    const id = x.ids[k];
    if (id < model.w.length) s += model.w[id] * x.w[k];
  }
  return s;
}
