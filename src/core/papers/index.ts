// Public face of the papers module: the model, the three sources (Daily Papers, arXiv, JSON import), their errors.
export * from './model';
export { PaperSourceError, type PaperSourceErrorKind } from './errors';
export { fetchDay, isValidDay, dailyPapersUrl, type FetchDayOptions, type FetchedDay } from './daily';
export { fetchArxiv, parseArxivAtom, DEFAULT_ARXIV_BASE, type FetchArxivOptions } from './arxiv';
export { parseImport } from './import';
export { validateDailyItems, validateAnyItems, mergePaper, LIMITS, type ValidationResult } from './validate';
export { DEFAULT_USER_AGENT, DEFAULT_TIMEOUT_MS, PAPER_NOTES_VERSION, retryAfterMs, type RequestOptions } from './request';
