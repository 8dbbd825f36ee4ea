// Public face of the papers module: the model, the three sources (Daily Papers, arXiv, JSON import), their errors.
export * from './model';
export { PaperSourceError, type PaperSourceErrorKind } from './errors';
export { fetchDay, isValidDay, dailyPapersUrl, type FetchDayOptions, type FetchedDay } from './daily';
export {
  fetchArxiv, parseArxivAtom, ArxivClient, DEFAULT_ARXIV_BASE, ARXIV_BATCH, ARXIV_INTERVAL_MS,
  type FetchArxivOptions, type ArxivClientOptions, type ArxivResult,
} from './arxiv';
export { parsePaperId, parsePaperIds, paperIdFromArg, type PaperIdRef, type ParsedPaperIds } from './paper-ids';
export { RateLimit, realClock, type Clock } from './rate-limit';
export { parseImport } from './import';
export { validateDailyItems, validateAnyItems, mergePaper, LIMITS, type ValidationResult } from './validate';
export { DEFAULT_USER_AGENT, DEFAULT_TIMEOUT_MS, PAPER_NOTES_VERSION, retryAfterMs, type RequestOptions } from './request';
