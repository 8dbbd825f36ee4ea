// A single, plain lunr index over the same fields and boosts: the ranking our segments must match.
// Used by the agreement test and the benchmark; never by the extension.
import lunr from 'lunr';
import { FIELDS, FIELD_BOOSTS, type DocFields } from './analyze';

export function singleLunrIndex(docs: Array<{ key: string; fields: DocFields }>): lunr.Index {
  return lunr(function () {
    this.ref('key');
    for (const f of FIELDS) this.field(f, { boost: FIELD_BOOSTS[f] });
    for (const d of docs) this.add({ key: d.key, ...d.fields });
  });
}
