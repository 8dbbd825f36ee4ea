// Versions of the files Paper Notes writes (day files, papers.json, keys.json, the index's manifest and segments).
// A file from a newer Paper Notes may hold anything: reading it as ours could misread it, and "repairing" it
// (moving it aside, rebuilding over it) would destroy what that newer version wrote. So a newer file is reported in
// one line and left exactly as it is; files without a version (0.1 and 0.2 wrote keys.json without one) are the first.

export class NewerFormatError extends Error {
  constructor(readonly path: string, readonly found: number, readonly supported: number) {
    super(`Paper Notes: ${path} was written by a newer Paper Notes (format ${found}, this one reads up to ${supported}); it was left as it is — update Paper Notes to use it`);
    this.name = 'NewerFormatError';
  }
}

/**
 * The format number a parsed file declares in `field`: absent → 1 (the first, unversioned files), a positive
 * integer as is, anything else → undefined (a damaged file, for the caller's usual recovery).
 */
export function declaredFormat(value: unknown, field = 'format'): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = (value as Record<string, unknown>)[field];
  if (v === undefined) return 1;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** Throws NewerFormatError when `found` is newer than what this version reads. */
export function checkNotNewer(path: string, found: number | undefined, supported: number): void {
  if (found !== undefined && found > supported) throw new NewerFormatError(path, found, supported);
}
