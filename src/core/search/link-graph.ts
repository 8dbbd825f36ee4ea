// The note ↔ paper link graph, kept up to date note by note so hovers and backlinks stay cheap after
// every edit (no rebuild over all notes).
export interface Links {
  papers: Record<string, string[]>;
  notes: Record<string, string[]>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class LinkGraph {
  private readonly cites = new Map<string, string[]>();
  private readonly citedBy = new Map<string, Set<string>>();

  /** Replaces what `path` cites (ids without version). */
  set(path: string, ids: string[]): void {
    this.delete(path);
    if (ids.length === 0) return;
    this.cites.set(path, [...new Set(ids)].sort(byText));
    for (const id of ids) {
      let s = this.citedBy.get(id);
      if (!s) this.citedBy.set(id, (s = new Set()));
      s.add(path);
    }
  }

  delete(path: string): void {
    for (const id of this.cites.get(path) ?? []) {
      const s = this.citedBy.get(id);
      s?.delete(path);
      if (s?.size === 0) this.citedBy.delete(id);
    }
    this.cites.delete(path);
  }

  clear(): void {
    this.cites.clear();
    this.citedBy.clear();
  }

  notesCiting(id: string): string[] {
    return [...(this.citedBy.get(id.replace(/v\d+$/, '')) ?? [])].sort(byText);
  }

  papersCitedBy(path: string): string[] {
    return [...(this.cites.get(path) ?? [])];
  }

  /** Both directions, keys and lists sorted; notes citing nothing are left out. */
  links(): Links {
    const papers: Record<string, string[]> = {};
    for (const id of [...this.citedBy.keys()].sort(byText)) papers[id] = this.notesCiting(id);
    const notes: Record<string, string[]> = {};
    for (const path of [...this.cites.keys()].sort(byText)) notes[path] = this.papersCitedBy(path);
    return { papers, notes };
  }
}
