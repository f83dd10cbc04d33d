/**
 * ASL timestamps: ISO-8601 extended date-time with a `T` and an offset (`Z` or `±hh:mm`), as
 * RFC 3339 requires (AWS: "must conform to RFC3339 profile of ISO 8601, with the further
 * restrictions that an uppercase T must separate the date and time portions, and an uppercase
 * Z must denote that a numeric time zone offset is not present").
 */
import { isExists } from 'date-fns/isExists';
import { parseISO } from 'date-fns/parseISO';

/**
 * The RFC 3339 profile's shape, with each field's range (hour 00-23, offset hour 00-23): date-fns
 * alone also takes a `t`, `24:00:00`, a missing offset (local time) and a `+24:00` offset.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Epoch milliseconds of a valid ASL timestamp, or undefined (a bad shape or a day that does not exist, e.g. 2023-02-30). */
export function parseTimestamp(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  // isExists builds a Date, which reads years 0-99 as 1900-1999; the calendar repeats every 400 years.
  if (!isExists(year < 100 ? year + 400 : year, Number(m[2]) - 1, Number(m[3]))) return undefined;
  // date-fns keeps the first three fraction digits, as AWS's millisecond timestamps do.
  const ms = parseISO(text).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
