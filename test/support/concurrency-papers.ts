// The papers each writer of test/unit/concurrency.test.ts adds: two per round, ids 2603.NWRRP
// (N writer number, R round, P 0/1), all by one author in one year, so their keys collide and need suffixes.
export interface WriterPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: string;
}

export function writerPapers(name: string, round: number): WriterPaper[] {
  const n = Number(name.replace(/\D/g, ''));
  return [0, 1].map((p) => ({
    id: `2603.${n}${String(round).padStart(2, '0')}${p}0`,
    title: `Concurrent writing ${name} ${round} ${p}`,
    abstract: `Written by ${name} in round ${round}.`,
    authors: ['Ada Lovelace'],
    publishedAt: '2026-03-01T00:00:00.000Z',
  }));
}
