// Public face of the recommend module: the workspace's profile, For You ranking with reasons, Related,
// and the feedback file's format. Pure: no editor, no Node modules.
export { Profile, docText, paperDoc, type Feedback, type ProfileDoc, type ProfileNote } from './profile';
export { rank, positives, DEFAULTS, type Ranked, type Ranking, type RankOptions, type Reason } from './rank';
export { related, type RelatedOptions, type RelatedResult } from './related';
export { emptyFeedback, mark, markOf, parseFeedback, serialiseFeedback, type Mark } from './feedback';
export { trainSvm, decision, type LinearModel, type SvmSample } from './svm';
export { vectorise, weigh, dot, textTerms, Vocabulary, type TermVector, type Weighted } from './features';
