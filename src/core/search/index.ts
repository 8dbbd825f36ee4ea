// Public face of the search module: the segmented, persisted index over notes and papers.
export { NoteIndex } from './note-index';
export type { Hit, Links, NoteIndexOptions, ReconcileResult, SearchOptions } from './note-index';
export type { NoteFile, Skipped } from './walk';
export { walkNotes, decodeNote, DEFAULT_INCLUDE, DEFAULT_EXCLUDE, DEFAULT_MAX_FILE_BYTES } from './walk';
export { FIELDS, FIELD_BOOSTS, type DocFields } from './analyze';
export { fieldsOf, noteRecord, paperRecord, citedIds, type DocRecord, type NoteRecord } from './records';
export { DEFAULT_POLICY, type SegmentPolicy } from './segment-set';
export { prepareNote, type NotePreparer, type PreparedNote } from './prepare';
