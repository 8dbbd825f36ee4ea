// User settings every harness run shares: the extension talks to the fixture API (Daily Papers and arXiv), and "today" is the
// fixture day so the Daily Papers view lists the seed days without a date picker.
export const FIXTURE_DAY = '2026-07-30';
export const HOSTILE_DAY = '2026-07-29';

export function testSettings(fixtureUrl) {
  return {
    'paperNotes.apiBaseUrl': fixtureUrl,
    'paperNotes.arxivApiBaseUrl': fixtureUrl,
    'paperNotes.today': FIXTURE_DAY,
    'paperNotes.daysToShow': 3,
  };
}
