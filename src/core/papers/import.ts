// JSON import: a file of Daily-Papers-shaped items, or a plain array of `{id, title, abstract, authors}`
// (authors as strings or `{name}` objects). Both shapes may be mixed; bad items are skipped and counted.
import { PaperSourceError } from './errors';
import { parseJson } from './daily';
import { validateAnyItems, type ValidationResult } from './validate';

const SOURCE = 'import';

/** `name` is the file name, used only in error messages. */
export function parseImport(text: string, name: string): ValidationResult {
  const data = parseJson(text.replace(/^\uFEFF/, ''), SOURCE, name);
  // A single object with a list inside is a common export shape; accept `{papers: [...]}` too.
  const items = Array.isArray(data) ? data : (data as { papers?: unknown } | null)?.papers;
  if (!Array.isArray(items)) {
    throw new PaperSourceError({ kind: 'shape', source: SOURCE, url: name, detail: 'expected a JSON array of papers' });
  }
  return validateAnyItems(items);
}
