// Interested / Not Interested, as a small JSON file we own: `{"version":1,"interested":[ids],"notInterested":[ids]}`.
// Marking one clears the other; a broken file is reported, never silently replaced.
import type { Feedback } from './profile';

export type Mark = 'interested' | 'notInterested' | 'none';

export function emptyFeedback(): Feedback {
  return { interested: [], notInterested: [] };
}

export function parseFeedback(text: string): Feedback {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('feedback file is not valid JSON');
  }
  const o = data as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('feedback file is not a JSON object');
  return { interested: list(o.interested), notInterested: list(o.notInterested) };
}

export function serialiseFeedback(f: Feedback): string {
  return `${JSON.stringify({ version: 1, interested: f.interested, notInterested: f.notInterested }, null, 2)}\n`;
}

/** The feedback with `id` marked (or unmarked, with 'none'); ids in the order they were marked. */
export function mark(f: Feedback, id: string, m: Mark): Feedback {
  const interested = f.interested.filter((x) => x !== id);
  const notInterested = f.notInterested.filter((x) => x !== id);
  if (m === 'interested') interested.push(id);
  if (m === 'notInterested') notInterested.push(id);
  return { interested, notInterested };
}

export function markOf(f: Feedback, id: string): Mark {
  if (f.interested.includes(id)) return 'interested';
  if (f.notInterested.includes(id)) return 'notInterested';
  return 'none';
}
