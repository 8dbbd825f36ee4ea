// `npm run bench`: generates the corpus at each scale, runs every engine in its own child process (so memory
// peaks do not mix and one engine's garbage does not slow the next), and prints a table; `--json` adds one JSON
// object per scale, the last line of stdout being the last scale's.
//   --notes N     one scale (default: 1000, 10000, 50000 in turn)   --papers P   (default 5000)
//   --seed S      corpus seed (default 1)                           --json
//   --keep        keep the generated corpus dirs                    --profile    --cpu-prof every child into bench-profiles/
//   --skip a,b    leave out phases (floor, lunr, minisearch, ours, warm), e.g. lunr where it would not fit in memory
//   --lunr-max-notes N  skip the single lunr index above N notes (default 20000: it would not fit in memory)
//   --corpus-only generate and print the corpus hash, nothing else (a determinism check: same seed, same hash)
//   --workers N   our index's worker threads for the cold build (default: available cores; 0 = main thread only)
//   --phase X --dir D   (internal) run one phase in this process and print its result as JSON
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeCorpus, writeCorpus } from './corpus';
import { now, round } from './measure';
import { floorPhase, lunrPhase, miniSearchPhase, type QueryStats } from './phases';
import { oursPhase, warmPhase } from './ours';
import { makeQueries } from './queries';
import { printTable, type ScaleResult } from './report';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const repoRoot = resolve(__dirname, '..');
// Phases run in child processes, which inherit the environment (see bench/ours.ts).
if (option('workers') !== undefined) process.env.PAPER_NOTES_BENCH_WORKERS = option('workers');

const PHASES: Record<string, (dir: string) => Promise<unknown>> = {
  floor: floorPhase,
  lunr: lunrPhase,
  minisearch: miniSearchPhase,
  ours: oursPhase,
  warm: warmPhase,
};

/**
 * Heap peaks from V8's own GC trace: the heap is largest just before a collection, and every isolate (main thread
 * and worker threads) reports its own. Sampling alone misses the peak inside a long synchronous build.
 * Returns the largest pre-GC heap per isolate.
 */
function gcPeaks(lines: string[], untilMs?: number): number[] {
  const peaks = new Map<string, number>();
  let main: string | undefined;
  for (const line of lines) {
    const m = /^\[\d+:(0x[0-9a-f]+)\]\s+([\d.]+) ms: [A-Za-z-]+[^\d]*([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
    if (!m) continue;
    main ??= m[1]; // the main thread collects first, before any worker exists
    // The main isolate's clock starts with the process: skip what the phase did after its measured window.
    if (m[1] === main && untilMs !== undefined && Number(m[2]) > untilMs) continue;
    peaks.set(m[1], Math.max(peaks.get(m[1]) ?? 0, Number(m[3]), Number(m[4])));
  }
  return [...peaks.values()].sort((a, b) => b - a);
}

function runChild(phase: string, dir: string): any {
  const profile = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(repoRoot, 'bench-profiles')}`, `--cpu-prof-name=${phase}-${Date.now()}.cpuprofile`] : [];
  const res = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', '--max-old-space-size=12000', ...profile, __filename, '--phase', phase, '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const lines = (res.stdout ?? '').trim().split('\n');
  const json = [...lines].reverse().find((l) => l.startsWith('{'));
  if (res.status !== 0 || !json) {
    process.stderr.write(`bench: phase ${phase} failed (exit ${res.status}${res.signal ? `, ${res.signal}` : ''})\n${lines.slice(-5).join('\n')}\n`);
    return undefined;
  }
  const result = JSON.parse(json);
  if (typeof result.peakHeapMb === 'number') {
    // Sum over isolates: an upper bound on what was live at once when worker threads took part.
    const peaks = gcPeaks(lines, result.measuredUntilMs);
    result.sampledPeakHeapMb = result.peakHeapMb;
    result.isolatePeaksMb = peaks.map((p) => round(p));
    result.peakHeapMb = round(Math.max(result.peakHeapMb, peaks.reduce((a, b) => a + b, 0)));
  }
  return result;
}

/**
 * Top-10 agreement of `ours` with the reference, per query: |A ∩ B| / max(|A|, |B|), where B also admits documents
 * tied with the reference's 10th score (tie order is arbitrary in any engine). Queries where both are empty are
 * left out; the mean over the rest is reported.
 */
export function agreement(ours: string[][], ref: string[][], refTies: string[][]): { mean: number | null; strict: number | null } {
  let sum = 0;
  let strictSum = 0;
  let n = 0;
  ours.forEach((a, i) => {
    const b = ref[i] ?? [];
    if (a.length === 0 && b.length === 0) return;
    const tied = new Set([...b, ...(refTies[i] ?? [])]);
    const exact = new Set(b);
    const denom = Math.max(a.length, b.length);
    sum += a.filter((x) => tied.has(x)).length / denom;
    strictSum += a.filter((x) => exact.has(x)).length / denom;
    n++;
  });
  return { mean: n ? round(sum / n, 3) : null, strict: n ? round(strictSum / n, 3) : null };
}

function bundleKb(): number | null {
  const file = join(repoRoot, 'dist/extension.js');
  return existsSync(file) ? round(statSync(file).size / 1024) : null;
}

/**
 * Activation time comes from the extension-host suite (test/vscode/activation.test.ts writes it when
 * `npm run test:vscode` runs), never from this process: only the real extension host can measure it.
 */
function activation(): { activationMs: number | null; measuredAt?: string } {
  try {
    const v = JSON.parse(readFileSync(join(repoRoot, 'test-results/activation.json'), 'utf8'));
    if (typeof v.activationMs === 'number') return { activationMs: v.activationMs, measuredAt: String(v.measuredAt) };
  } catch {
    // not measured yet
  }
  return { activationMs: null };
}

async function runScale(notes: number, papers: number, seed: number): Promise<ScaleResult | undefined> {
  // The pid keeps concurrent runs (several people on one machine) from deleting each other's corpus.
  const dir = join(tmpdir(), `paper-notes-bench-s${seed}-n${notes}-p${papers}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = now();
  const corpus = makeCorpus(repoRoot, { notes, papers, seed });
  const hash = writeCorpus(dir, corpus);
  const queries = makeQueries(seed, 240, corpus.vocabulary, corpus.papers);
  writeFileSync(join(dir, 'queries.json'), JSON.stringify(queries));
  process.stderr.write(`bench: ${notes} notes + ${papers} papers generated in ${round((now() - t0) / 1000)} s (corpus ${hash}) at ${dir}\n`);

  if (flag('corpus-only')) {
    process.stdout.write(`corpus ${hash}: ${notes} notes, ${papers} papers, seed ${seed}\n`);
    if (!flag('keep')) rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const skip = new Set((option('skip') ?? '').split(',').filter(Boolean));
  // A single Lunr index peaked at ≈ 4.6 GB of heap at 10k notes; 5× that would not fit the heap limit below.
  const lunrMax = Number(option('lunr-max-notes') ?? 20000);
  if (notes > lunrMax && !skip.has('lunr')) {
    skip.add('lunr');
    process.stderr.write(`bench: single lunr skipped above ${lunrMax} notes (memory); --lunr-max-notes N to change\n`);
  }
  const phase = (name: string) => {
    if (skip.has(name)) return undefined;
    process.stderr.write(`bench:   ${name}…\n`);
    const t = now();
    const result = runChild(name, dir);
    process.stderr.write(`bench:   ${name} took ${round((now() - t) / 1000)} s\n`);
    return result;
  };
  const floor = phase('floor');
  const lunr = phase('lunr');
  const mini = phase('minisearch');
  const ours = phase('ours');
  const warm = ours ? phase('warm') : undefined;
  if (!flag('keep')) rmSync(dir, { recursive: true, force: true });

  const q = (s: { query?: QueryStats } | undefined) => s?.query;
  const agree = ours && lunr ? agreement(q(ours)!.top10, q(lunr)!.top10, q(lunr)!.ties ?? []) : { mean: null, strict: null };
  return {
    hash, floor, lunr, mini, ours, warm, agree, activationMeasuredAt: activation().measuredAt,
    json: {
      notes,
      papers,
      coldBuildMs: { ours: ours?.coldBuildMs ?? null, lunrSingle: lunr?.coldBuildMs ?? null, miniSearch: mini?.coldBuildMs ?? null, readFloor: floor?.readFloorMs ?? null },
      updateMs: { p50: ours?.update?.p50 ?? null, p95: ours?.update?.p95 ?? null, fullRebuildMs: lunr?.indexMs ?? null },
      queryMs: { p50: q(ours)?.p50 ?? null, p99: q(ours)?.p99 ?? null, lunrSingleP50: q(lunr)?.p50 ?? null, miniSearchP50: q(mini)?.p50 ?? null },
      warmLoadMs: warm?.warmLoadMs ?? null,
      firstQueryMs: warm?.firstQueryMs ?? null,
      maxBlockMs: warm?.maxBlockMs ?? null,
      peakRssMb: ours?.peakRssMb ?? null,
      peakHeapMb: { ours: ours?.peakHeapMb ?? null, lunrSingle: lunr?.peakHeapMb ?? null },
      top10Agreement: agree.mean,
      bundleKb: bundleKb(),
      activationMs: activation().activationMs,
    },
  };
}

async function main(): Promise<void> {
  const phaseName = option('phase');
  if (phaseName) {
    const fn = PHASES[phaseName];
    if (!fn) throw new Error(`unknown phase ${phaseName}`);
    const result = await fn(option('dir') ?? '.');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0); // a phase may leave workers or timers behind; its numbers are already out
  }
  const papers = Number(option('papers') ?? 5000);
  const seed = Number(option('seed') ?? 1);
  const scales = option('notes') ? [Number(option('notes'))] : [1000, 10000, 50000];
  if (scales.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(papers) || papers < 1) throw new Error('--notes and --papers take positive integers');
  const cpu = cpus();
  process.stdout.write(`machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${round(totalmem() / 2 ** 30)} GiB (${round(freemem() / 2 ** 30)} free), Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const results: ScaleResult[] = [];
  for (const n of scales) {
    const r = await runScale(n, papers, seed);
    if (!r) continue;
    results.push(r);
    printTable(r);
  }
  if (flag('json')) for (const r of results) process.stdout.write(`${JSON.stringify(r.json)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
