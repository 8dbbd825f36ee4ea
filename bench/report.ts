// The human-readable side of a run: one table per scale, then the issue's targets checked against the numbers.
// The targets are stated for 10k notes; at other scales they are printed as a guide, not a verdict.

export interface BenchJson {
  notes: number;
  papers: number;
  coldBuildMs: { ours: number | null; lunrSingle: number | null; miniSearch: number | null; readFloor: number | null };
  updateMs: { p50: number | null; p95: number | null; fullRebuildMs: number | null };
  queryMs: { p50: number | null; p99: number | null; lunrSingleP50: number | null; miniSearchP50: number | null };
  warmLoadMs: number | null;
  firstQueryMs: number | null;
  maxBlockMs: number | null;
  peakRssMb: number | null;
  peakHeapMb: { ours: number | null; lunrSingle: number | null };
  top10Agreement: number | null;
  bundleKb: number | null;
  activationMs: number | null;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- phase results are JSON from child processes */
export interface ScaleResult {
  hash: string;
  floor: any;
  lunr: any;
  mini: any;
  ours: any;
  warm: any;
  agree: { mean: number | null; strict: number | null };
  activationMeasuredAt?: string;
  json: BenchJson;
}

const cell = (v: unknown, unit = ''): string => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${v}${unit}`);

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

export function printTable(r: ScaleResult): void {
  const j = r.json;
  const { floor, lunr, mini, ours, warm } = r;
  const out: string[] = [];
  out.push('', `== ${j.notes} notes + ${j.papers} papers (corpus ${r.hash}, ${cell(floor?.corpusMb, ' MB')} of Markdown) ==`);
  const widths = [34, 12, 12, 12, 12];
  out.push(row(['', 'ours', 'lunr single', 'MiniSearch', 'read floor'], widths));
  out.push(row(['cold build (ms)', cell(j.coldBuildMs.ours), cell(j.coldBuildMs.lunrSingle), cell(j.coldBuildMs.miniSearch), cell(j.coldBuildMs.readFloor)], widths));
  out.push(row(['  of which read / scan / index', '(one pass)', `${cell(lunr?.readMs)}/${cell(lunr?.scanMs)}/${cell(lunr?.indexMs)}`, `${cell(mini?.readMs)}/${cell(mini?.scanMs)}/${cell(mini?.indexMs)}`, ''], widths));
  out.push(row(['  longest event-loop block (ms)', `${cell(ours?.coldMaxBlockMs)} (wall ${cell(ours?.coldBlock?.wallMs)})`, '(sync)', '(sync)', ''], widths));
  if (ours?.workers !== undefined) out.push(row(['  worker threads (notes prepared there)', `${ours.workers} (${cell(ours.preparedInWorkers)})`, '0', '0', ''], widths));
  out.push(row(['query p50 / p99 (ms)', `${cell(j.queryMs.p50)}/${cell(j.queryMs.p99)}`, `${cell(lunr?.query?.p50)}/${cell(lunr?.query?.p99)}`, `${cell(mini?.query?.p50)}/${cell(mini?.query?.p99)}`, ''], widths));
  const wq = (e: any) => `${cell(e?.query?.wall?.p50)}/${cell(e?.query?.wall?.p99)}`;
  out.push(row(['  wall clock p50 / p99 (ms)', wq(ours), wq(lunr), wq(mini), ''], widths));
  for (const kind of Object.keys(ours?.query?.byKind ?? lunr?.query?.byKind ?? {})) {
    const k = (e: any) => e?.query?.byKind?.[kind];
    out.push(row([`  ${kind} p50 / p99`, `${cell(k(ours)?.p50)}/${cell(k(ours)?.p99)}`, `${cell(k(lunr)?.p50)}/${cell(k(lunr)?.p99)}`, `${cell(k(mini)?.p50)}/${cell(k(mini)?.p99)}`, ''], widths));
  }
  out.push(row(['queries with no hit (of 240)', cell(ours?.query?.empty), cell(lunr?.query?.empty), cell(mini?.query?.empty), ''], widths));
  out.push(row(['peak heap (MB, all isolates)', cell(j.peakHeapMb.ours), cell(j.peakHeapMb.lunrSingle), cell(mini?.peakHeapMb), ''], widths));
  const isolates = (e: any) => (e?.isolatePeaksMb ? e.isolatePeaksMb.join('+') : '—');
  out.push(row(['  per isolate (main + workers)', isolates(ours), isolates(lunr), isolates(mini), ''], widths));
  out.push(row(['retained heap after build (MB)', cell(ours?.retainedHeapMb), cell(lunr?.retainedHeapMb), cell(mini?.retainedHeapMb), ''], widths));
  out.push(row(['peak RSS (MB)', cell(j.peakRssMb), cell(lunr?.peakRssMb), cell(mini?.peakRssMb), ''], widths));
  out.push(row(['persisted index (MB)', cell(ours?.persistedMb), cell(lunr?.serialisedMb), '', ''], widths));
  out.push(row(['load persisted index (ms)', cell(j.warmLoadMs), cell(lunr?.loadMs), '', ''], widths));
  out.push(
    `edit → searchable: p50 ${cell(j.updateMs.p50)} ms, p95 ${cell(j.updateMs.p95)} ms over ${cell(ours?.update?.edits)} edits` +
      ` (full lunr rebuild ${cell(j.updateMs.fullRebuildMs)} ms; ours from scratch ${cell(j.coldBuildMs.ours)} ms)`,
  );
  out.push(`warm start: open ${cell(warm?.openMs)} ms (a query there: ${cell(warm?.searchableAfterOpenMs)} ms), open + reconcile ${cell(j.warmLoadMs)} ms, first query after reconcile ${cell(j.firstQueryMs)} ms, longest block ${cell(j.maxBlockMs)} ms (wall ${cell(warm?.block?.wallMs)}, histogram ${cell(warm?.block?.histogramMs)}), re-indexed ${cell(warm?.reindexed)} notes`);
  if (ours?.query?.byKind) out.push(`slowest query per kind (ours): ${Object.entries(ours.query.byKind).map(([k, v]: [string, any]) => `${k} ${v.slowest}`).join('; ')}`);
  out.push(`top-10 agreement with single lunr: ${cell(j.top10Agreement)} (strict, ties not admitted: ${cell(r.agree.strict)})`);
  if (ours?.links) out.push(`links vs ground truth: ${ours.links.exact} of ${ours.links.notes} notes exact${ours.links.firstMismatch ? `; first mismatch ${ours.links.firstMismatch}` : ''}`);
  out.push(`bundle dist/extension.js: ${cell(j.bundleKb, ' KB')}; activation: ${cell(j.activationMs, ' ms')}${r.activationMeasuredAt ? ` (extension-host suite, ${r.activationMeasuredAt})` : ' (run npm run test:vscode to measure)'}`);
  out.push('', `targets (stated for 10k notes${j.notes === 10000 ? '' : `; this run has ${j.notes}`}):`);
  for (const t of targets(j)) out.push(`  ${t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS'}  ${t.what}: ${t.actual}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export interface TargetCheck {
  what: string;
  actual: string;
  met: boolean | null;
}

export function targets(j: BenchJson): TargetCheck[] {
  const check = (what: string, actual: number | null, ok: (x: number) => boolean, unit = ''): TargetCheck => ({
    what,
    actual: actual === null ? 'not measured' : `${actual}${unit}`,
    met: actual === null ? null : ok(actual),
  });
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100);
  const speedup = ratio(j.updateMs.fullRebuildMs, j.updateMs.p50);
  return [
    check('edit → searchable p50 ≤ 50 ms', j.updateMs.p50, (x) => x <= 50, ' ms'),
    check('edit → searchable p95 ≤ 150 ms', j.updateMs.p95, (x) => x <= 150, ' ms'),
    check('edit ≥ 100× faster than a full rebuild', speedup, (x) => x >= 100, '×'),
    check('cold build ≤ 0.7× single lunr', ratio(j.coldBuildMs.ours, j.coldBuildMs.lunrSingle), (x) => x <= 0.7, '×'),
    check('query p50 ≤ 1.0× single lunr', ratio(j.queryMs.p50, j.queryMs.lunrSingleP50), (x) => x <= 1.0, '×'),
    check('query p50 ≤ 10 ms', j.queryMs.p50, (x) => x <= 10, ' ms'),
    check('query p99 ≤ 50 ms', j.queryMs.p99, (x) => x <= 50, ' ms'),
    check('top-10 agreement ≥ 0.9', j.top10Agreement, (x) => x >= 0.9),
    check('first query ≤ 1.5 s after open', j.firstQueryMs, (x) => x <= 1500, ' ms'),
    check('no block > 50 ms while loading', j.maxBlockMs, (x) => x <= 50, ' ms'),
    check('peak heap ≤ 1.0× single lunr', ratio(j.peakHeapMb.ours, j.peakHeapMb.lunrSingle), (x) => x <= 1.0, '×'),
    check('bundle ≤ 300 KB', j.bundleKb, (x) => x <= 300, ' KB'),
    check('activation ≤ 30 ms', j.activationMs, (x) => x <= 30, ' ms'),
  ];
}
