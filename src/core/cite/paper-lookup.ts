// A synchronous snapshot of the catalog's papers and keys, for editor features that must answer without
// awaiting (markdown-it rendering, diagnostics as you type). Refreshed from the catalog on its change events.
import type { Catalog } from '../catalog';
import type { Paper } from '../papers/model';

export class PaperLookup {
  private papers = new Map<string, Paper>();
  private keyById = new Map<string, string>();
  private idByKey = new Map<string, string>();
  private listeners = new Set<() => void>();
  private loading: Promise<void> | undefined;
  private dirty = true;

  constructor(private readonly catalog: Pick<Catalog, 'allPapers' | 'keys'>) {}

  /** Marks the snapshot stale and reloads it; listeners hear about it when the new snapshot is in. */
  refresh(): Promise<void> {
    this.dirty = true;
    return this.ready();
  }

  /** Resolves when a snapshot at least as new as the last refresh() is loaded. */
  ready(): Promise<void> {
    if (!this.dirty) return this.loading ?? Promise.resolve();
    this.dirty = false;
    const run = (async () => {
      await this.loading?.catch(() => undefined);
      const [papers, keys] = await Promise.all([this.catalog.allPapers(), this.catalog.keys()]);
      this.papers = new Map(papers.map((p) => [p.id, p]));
      this.keyById = new Map(Object.entries(keys));
      this.idByKey = new Map(Object.entries(keys).map(([id, k]) => [k, id]));
      for (const l of this.listeners) l();
    })();
    this.loading = run;
    run.catch(() => {
      this.dirty = true;
    });
    return run;
  }

  all(): Paper[] {
    return [...this.papers.values()];
  }
  byId(id: string): Paper | undefined {
    return this.papers.get(id);
  }
  byKey(key: string): Paper | undefined {
    const id = this.idByKey.get(key);
    return id === undefined ? undefined : this.papers.get(id);
  }
  keyOf(id: string): string | undefined {
    return this.keyById.get(id);
  }
  hasKey(key: string): boolean {
    return this.idByKey.has(key);
  }
  get size(): number {
    return this.papers.size;
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
