/**
 * Wait `Timestamp` and the timestamp comparators read timestamps with date-fns (a declared
 * dependency) behind the RFC 3339 shape check. AWS, Wait state: "Timestamp … must conform to
 * RFC3339 profile of ISO 8601, with the further restrictions that an uppercase T must separate
 * the date and time portions, and an uppercase Z must denote that a numeric time zone offset is
 * not present".
 */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/runtime/timestamp.js';

describe('parseTimestamp', () => {
  it.each([
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'], // a leap day
    ['2023-02-28T23:00:00.123456+05:30', '2023-02-28T17:30:00.123Z'], // fractions beyond ms are cut
    ['2023-12-31T23:59:59-23:59', '2024-01-01T23:58:59.000Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'], // years below 100 are not 19xx
  ])('reads %s', (text, iso) => {
    expect(new Date(parseTimestamp(text)!).toISOString()).toBe(iso);
  });

  it.each([
    '2023-02-29T00:00:00Z', // not a leap year
    '2023-04-31T00:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-00-01T00:00:00Z',
    '2023-02-28T24:00:00Z', // ISO 8601 allows 24:00, RFC 3339 does not
    '2023-02-28T23:00:60Z',
    '2023-02-28t23:00:00Z', // lower-case t
    '2023-02-28T23:00:00z',
    '2023-02-28T23:00:00', // no offset: local time is not a timestamp
    '2023-02-28T23:00:00+24:00',
    '2023-02-28',
  ])('refuses %s', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
