/**
 * Durations for people (the viewer, graph labels and the CLI), with date-fns: "3 ms", "4.2 s", "2 min 5 s", "1 h 0 min", "3 d 4 h".
 * date-fns splits the span into calendar units; the two largest are shown, in short units.
 */
import { formatDuration as formatUnits } from 'date-fns/formatDuration';
import { intervalToDuration } from 'date-fns/intervalToDuration';
import type { Duration, Locale } from 'date-fns';

const SHORT: Readonly<Record<string, string>> = { xSeconds: 's', xMinutes: 'min', xHours: 'h', xDays: 'd', xMonths: 'mo', xYears: 'y' };

/** A date-fns locale with only the short unit names formatDuration asks for. */
const short: Pick<Locale, 'formatDistance'> = {
  formatDistance: (token, count) => `${count} ${SHORT[token] ?? token}`,
};

const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'] as const;
// intervalToDuration leaves zero units out; formatDuration shows only the units present.
const ZERO: Duration = Object.fromEntries(UNITS.map((u) => [u, 0]));

/**
 * `ms` as a short human duration; an empty string for a negative or non-finite span. `from`
 * (epoch ms) is where the span starts, so months are the calendar's.
 */
export function formatDuration(ms: number, from = 0): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toString()} s`;
  const parts: Duration = { ...ZERO, ...intervalToDuration({ start: from, end: from + ms }) };
  const first = UNITS.findIndex((u) => (parts[u] ?? 0) > 0);
  // The largest unit and the next one, even when it is zero: "1 h 0 min".
  return formatUnits(parts, { format: UNITS.slice(first, first + 2), zero: true, delimiter: ' ', locale: short as Locale });
}
