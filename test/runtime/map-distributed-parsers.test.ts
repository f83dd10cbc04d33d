// The streaming parsers behind the CSV and JSON item readers, fed in awkward chunks: a file
// split anywhere must parse the same as the whole file.
import { describe, expect, it } from 'vitest';
import { CsvError, csvRows } from '../../src/runtime/states/map-csv.js';
import { JsonItemsError, jsonArrayItems } from '../../src/runtime/states/map-json.js';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('csvRows (RFC 4180)', () => {
  const text = 'a,b,c\r\n"x,1","say ""hi""",\r\n,"",z\n"multi\nline",2,3';
  const expected = [
    ['a', 'b', 'c'],
    ['x,1', 'say "hi"', ''],
    ['', '', 'z'],
    ['multi\nline', '2', '3'],
  ];
  it.each([1, 2, 3, 7, 1000])('parses the same in chunks of %i characters', async (size) => {
    expect(await all(csvRows(chunks(text, size), ',', 1000))).toEqual(expected);
  });
  it('uses the delimiter given and skips blank lines', async () => {
    expect(await all(csvRows(chunks('a\tb\n\n1\t2\n', 3), '\t', 1000))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('refuses a stray quote, text after a closing quote, an unclosed quote and a runaway row', async () => {
    await expect(all(csvRows(chunks('a"b\n', 2), ',', 1000))).rejects.toBeInstanceOf(CsvError);
    await expect(all(csvRows(chunks('"a"b\n', 2), ',', 1000))).rejects.toBeInstanceOf(CsvError);
    await expect(all(csvRows(chunks('"ab\n', 2), ',', 1000))).rejects.toBeInstanceOf(CsvError);
    await expect(all(csvRows(chunks(`"${'x'.repeat(50)}`, 8), ',', 20))).rejects.toThrow(/longer than 20/);
  });
});

describe('jsonArrayItems', () => {
  const text = '\uFEFF[ {"a":"],[{"} , [1,[2]] ,"\\"", -1.5e3, true, null ]\n';
  it.each([1, 2, 5, 1000])('streams the elements in chunks of %i characters', async (size) => {
    expect(await all(jsonArrayItems(chunks(text, size), 1000))).toEqual([{ a: '],[{' }, [1, [2]], '"', -1500, true, null]);
  });
  it('reads an empty array as no items', async () => {
    expect(await all(jsonArrayItems(chunks(' [ ] ', 1), 1000))).toEqual([]);
  });
  it.each([
    ['not an array', '{"a":1}'],
    ['not closed', '[1,2'],
    ['trailing content', '[1] 2'],
    ['an empty element', '[1,,2]'],
    ['a trailing comma', '[1,]'],
    ['a bad element', '[tru]'],
  ])('refuses %s', async (_what, bad) => {
    await expect(all(jsonArrayItems(chunks(bad, 2), 1000))).rejects.toBeInstanceOf(JsonItemsError);
  });
  it('refuses an element over the size limit', async () => {
    await expect(all(jsonArrayItems(chunks(`["${'x'.repeat(30)}"]`, 4), 20))).rejects.toThrow(/larger than 20/);
  });
});
