// Small, dependency-free fitting for the engine's two models (scripts/fit-scorer.ts):
// a listwise softmax ranker (conditional logit over each question's candidates) and a binary
// logistic regression, both L2-regularized on standardized features and optimized with Adam.
// A few thousand rows and a dozen features: full-batch gradient steps are enough.
import type { LogisticModel } from "../../worker/src/ask/scorer";

export interface Standardizer {
  mean: number[];
  scale: number[];
}

export function standardizer(rows: number[][], dims: number): Standardizer {
  const mean = new Array(dims).fill(0);
  const sq = new Array(dims).fill(0);
  for (const r of rows) for (let j = 0; j < dims; j++) mean[j] += r[j] / rows.length;
  for (const r of rows) for (let j = 0; j < dims; j++) sq[j] += (r[j] - mean[j]) ** 2 / rows.length;
  return { mean, scale: sq.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function adam(dims: number, steps: number, grad: (w: number[], b: number) => { gw: number[]; gb: number }) {
  const w = new Array(dims).fill(0);
  let b = 0;
  const m = new Array(dims + 1).fill(0);
  const v = new Array(dims + 1).fill(0);
  const lr = 0.05;
  for (let t = 1; t <= steps; t++) {
    const { gw, gb } = grad(w, b);
    const g = [...gw, gb];
    for (let j = 0; j <= dims; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      const step = (lr * (m[j] / (1 - 0.9 ** t))) / (Math.sqrt(v[j] / (1 - 0.999 ** t)) + 1e-8);
      if (j < dims) w[j] -= step;
      else b -= step;
    }
  }
  return { w, b };
}

/** One question's candidates (feature rows) and which of them are right. */
export interface Group {
  rows: number[][];
  positive: boolean[];
}

/** Maximizes Σ log P(any right candidate | question) − l2·|w|², P by softmax over the group. */
export function fitListwise(groups: Group[], features: string[], l2 = 0.01, steps = 400): LogisticModel {
  const dims = features.length;
  const std = standardizer(groups.flatMap((g) => g.rows), dims);
  const z = groups.map((g) => g.rows.map((r) => r.map((x, j) => (x - std.mean[j]) / std.scale[j])));
  const { w } = adam(dims, steps, (w) => {
    const gw = w.map((x) => 2 * l2 * x);
    groups.forEach((g, gi) => {
      const s = z[gi].map((r) => r.reduce((a, x, j) => a + x * w[j], 0));
      const max = Math.max(...s);
      const e = s.map((x) => Math.exp(x - max));
      const total = e.reduce((a, x) => a + x, 0);
      const pos = e.reduce((a, x, i) => a + (g.positive[i] ? x : 0), 0);
      // d(−log(pos/total))/dz_i = p_i − q_i, q = the softmax restricted to right candidates.
      z[gi].forEach((r, i) => {
        const coef = (e[i] / total - (g.positive[i] ? e[i] / pos : 0)) / groups.length;
        for (let j = 0; j < dims; j++) gw[j] += coef * r[j];
      });
    });
    return { gw, gb: 0 };
  });
  return { features, mean: std.mean, scale: std.scale, weights: w, bias: 0 };
}

/** Binary logistic regression: maximizes the mean log-likelihood − l2·|w|². */
export function fitLogistic(rows: number[][], labels: boolean[], features: string[], l2 = 0.01, steps = 600): LogisticModel {
  const dims = features.length;
  const std = standardizer(rows, dims);
  const z = rows.map((r) => r.map((x, j) => (x - std.mean[j]) / std.scale[j]));
  const { w, b } = adam(dims, steps, (w, b) => {
    const gw = w.map((x) => 2 * l2 * x);
    let gb = 0;
    z.forEach((r, i) => {
      const p = 1 / (1 + Math.exp(-(b + r.reduce((a, x, j) => a + x * w[j], 0))));
      const d = (p - (labels[i] ? 1 : 0)) / rows.length;
      for (let j = 0; j < dims; j++) gw[j] += d * r[j];
      gb += d;
    });
    return { gw, gb };
  });
  return { features, mean: std.mean, scale: std.scale, weights: w, bias: b };
}
