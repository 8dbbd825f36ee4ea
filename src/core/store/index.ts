// Public face of the store: the on-disk paper cache.
export { PaperStore, STORE_FORMAT, type StoredDay, type PaperStoreOptions } from './store';
