// What the notes index runs on — the core search module (with Lunr) and the worker pool — behind one module that
// note-index.ts require()s when the index first builds. The editor's build makes this file a bundle of its own
// (dist/search-engine.js, see scripts/build.mjs), so activation neither compiles nor evaluates Lunr. For You's
// recommender uses the index's analyser (Lunr's stemmer), so it is loaded the same way (for-you-model.ts).
export { NoteIndex } from '../core/search';
export { prepareWorkers } from '../node/index-workers';
export { Profile, paperDoc, rank, related } from '../core/recommend';
