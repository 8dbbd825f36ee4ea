// Day arithmetic for the Daily Papers view on YYYY-MM-DD strings (UTC, so no daylight-saving surprises).
// No 'vscode' import: unit-tested in plain Node. What a valid day is, is core's rule (`isValidDay`).
import { isValidDay } from '../core/papers/daily';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in local time as YYYY-MM-DD, unless `override` (the `paperNotes.today` setting) is a valid day. */
export function todayString(override?: string, now = new Date()): string {
  if (override && isValidDay(override)) return override;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function addDays(day: string, delta: number): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + delta * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The last `count` days ending with `today`, newest first. */
export function lastDays(today: string, count: number): string[] {
  return Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i) => addDays(today, -i));
}

/**
 * Parses the "Go to Date…" input: YYYY-MM-DD, "today" or "yesterday".
 * Returns the day, or an error message suitable for the input box's validation.
 */
export function parseDayInput(input: string, today: string): { day: string } | { error: string } {
  const t = input.trim().toLowerCase();
  if (t === 'today') return { day: today };
  if (t === 'yesterday') return { day: addDays(today, -1) };
  if (!DAY.test(t)) return { error: 'Enter a date as YYYY-MM-DD, or "today" / "yesterday".' };
  if (!isValidDay(t)) return { error: `${t} is not a calendar date.` };
  if (t > today) return { error: `${t} is in the future.` };
  return { day: t };
}

/** "Thu" for a day, in English (the feed's own convention; independent of the host locale). */
export function weekday(day: string): string {
  const m = DAY.exec(day);
  if (!m) return '';
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()];
}
