/**
 * ASL timestamps: ISO-8601 extended date-time with a `T` and an offset (`Z` or `±hh:mm`), as
 * RFC 3339 requires (AWS: "must conform to RFC3339 profile of ISO 8601, with the further
 * restrictions that an uppercase T must separate the date and time portions, and an uppercase
 * Z must denote that a numeric time zone offset is not present").
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of a valid ASL timestamp, or undefined. */
export function parseTimestamp(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31 || +h! > 23 || +mi! > 59 || +s! > 60) return undefined;
  // Date parses fractions beyond milliseconds inconsistently; keep at most three digits.
  const frac = m[7] ? m[7].slice(0, 4).padEnd(4, '0') : '';
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${m[8]}`);
  if (Number.isNaN(ms)) return undefined;
  // Reject dates that roll over (e.g. 2023-02-30).
  const check = new Date(Date.UTC(+y!, +mo! - 1, +d!));
  if (check.getUTCDate() !== +d!) return undefined;
  return ms;
}
