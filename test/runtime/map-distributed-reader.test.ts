// AWS "ItemReader (Map)": items read from the object store as JSON, JSONL, CSV, an S3
// inventory manifest or a listObjectsV2 listing; ReaderConfig.MaxItems; Parameters/Arguments.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryObjectStore } from '../../src/objects/index.js';
import { run } from '../helpers.js';

const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

function mapWith(reader: object, extra: object = {}) {
  return { StartAt: 'M', States: { M: { Type: 'Map', ItemReader: reader, ItemProcessor: processor, End: true, ...extra } } };
}

const getObject = (InputType: string, Key: string, config: object = {}) => ({
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig: { InputType, ...config },
  Parameters: { Bucket: 'in', Key },
});

describe('ItemReader', () => {
  it('reads a JSON array', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'a.json': ' [ {"id": 1, "t": "a,]"}, [2, {"x": [3]}], "s\\"]", null ] ' } });
    const r = await run(mapWith(getObject('JSON', 'a.json')), {}, { objectStore });
    expect(r.output).toEqual([{ id: 1, t: 'a,]' }, [2, { x: [3] }], 's"]', null]);
  });

  it('reads JSON Lines, skipping blank lines, CRLF or LF', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'a.jsonl': '{"n":1}\r\n\n{"n":2}\n{"n":3}' } });
    const r = await run(mapWith(getObject('JSONL', 'a.jsonl')), {}, { objectStore });
    expect(r.output).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('reads CSV with the header in the first row: values stay strings, quotes as RFC 4180', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'a.csv': 'id,name,note\n1,Ann,"says ""hi"", twice"\n2,Bob,"two\nlines"\n' } });
    const r = await run(mapWith(getObject('CSV', 'a.csv', { CSVHeaderLocation: 'FIRST_ROW' })), {}, { objectStore });
    expect(r.output).toEqual([
      { id: '1', name: 'Ann', note: 'says "hi", twice' },
      { id: '2', name: 'Bob', note: 'two\nlines' },
    ]);
  });

  it('reads CSV with GIVEN headers and another CSVDelimiter', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'a.csv': '1|Ann\n2|Bob' } });
    const reader = getObject('CSV', 'a.csv', { CSVHeaderLocation: 'GIVEN', CSVHeaders: ['id', 'name'], CSVDelimiter: 'PIPE' });
    const r = await run(mapWith(reader), {}, { objectStore });
    expect(r.output).toEqual([
      { id: '1', name: 'Ann' },
      { id: '2', name: 'Bob' },
    ]);
  });

  it('reads the CSV files of an S3 inventory manifest', async () => {
    const manifest = {
      sourceBucket: 'photos',
      destinationBucket: 'arn:aws:s3:::inventory',
      fileFormat: 'CSV',
      fileSchema: 'Bucket, Key, Size',
      files: [{ key: 'photos/data/1.csv.gz' }, { key: 'photos/data/2.csv.gz' }],
    };
    const objectStore = new MemoryObjectStore({
      in: { 'manifest.json': JSON.stringify(manifest) },
      inventory: { 'photos/data/1.csv.gz': gzipSync('"photos","a.jpg","10"\n'), 'photos/data/2.csv.gz': gzipSync('"photos","b.jpg","20"\n') },
    });
    const r = await run(mapWith(getObject('MANIFEST', 'manifest.json')), {}, { objectStore });
    expect(r.output).toEqual([
      { Bucket: 'photos', Key: 'a.jpg', Size: '10' },
      { Bucket: 'photos', Key: 'b.jpg', Size: '20' },
    ]);
  });

  it('lists objects under a prefix: each item is the object metadata AWS gives (Etag, Key, LastModified in seconds, Size, StorageClass)', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'img/a.jpg': 'aa', 'img/b.jpg': 'b', 'other.txt': '' } });
    const reader = { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'in', Prefix: 'img/' } };
    const r = await run(mapWith(reader), {}, { objectStore });
    const items = r.output as { Key: string; Size: number; Etag: string; LastModified: number; StorageClass: string }[];
    expect(items.map((i) => [i.Key, i.Size, i.StorageClass])).toEqual([
      ['img/a.jpg', 2, 'STANDARD'],
      ['img/b.jpg', 1, 'STANDARD'],
    ]);
    expect(items[0]!.Etag).toBe('"4124bc0a9335c27f086f24ba207a4912"');
    expect(Number.isInteger(items[0]!.LastModified)).toBe(true);
  });

  it('lists past one page of 1,000 keys', async () => {
    const keys = Object.fromEntries(Array.from({ length: 1005 }, (_, i) => [`k/${String(i).padStart(4, '0')}`, '']));
    const objectStore = new MemoryObjectStore({ in: keys });
    const reader = { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'in' } };
    const r = await run(mapWith(reader, { ItemSelector: { 'k.$': '$$.Map.Item.Value.Key' } }), {}, { objectStore });
    expect((r.output as unknown[]).length).toBe(1005);
    expect((r.output as { k: string }[])[1004]).toEqual({ k: 'k/1004' });
  });

  it('stops at ReaderConfig.MaxItems, or MaxItemsPath read from the input', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'a.jsonl': '1\n2\n3\n4\n' } });
    expect((await run(mapWith(getObject('JSONL', 'a.jsonl', { MaxItems: 2 })), {}, { objectStore })).output).toEqual([1, 2]);
    expect((await run(mapWith(getObject('JSONL', 'a.jsonl', { MaxItemsPath: '$.max' })), { max: 3 }, { objectStore })).output).toEqual([1, 2, 3]);
  });

  it('evaluates Parameters paths over the state input (JSONPath) and Arguments (JSONata)', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'x/a.json': '[1]' } });
    const p = await run(mapWith({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Bucket.$': '$.b', 'Key.$': "States.Format('x/{}', $.k)" } }), { b: 'in', k: 'a.json' }, { objectStore });
    expect(p.output).toEqual([1]);
    const j = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: '{% $states.input.b %}', Key: "{% 'x/' & $states.input.k %}" } },
            ItemProcessor: processor,
            End: true,
          },
        },
      },
      { b: 'in', k: 'a.json' },
      { objectStore },
    );
    expect(j.output).toEqual([1]);
  });

  it('applies ItemSelector with $$.Map.Item to every item read', async () => {
    const objectStore = new MemoryObjectStore({ in: { 'a.json': '["a","b"]' } });
    const r = await run(mapWith(getObject('JSON', 'a.json'), { ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'c.$': '$.c' } }), { c: 7 }, { objectStore });
    expect(r.output).toEqual([
      { i: 0, v: 'a', c: 7 },
      { i: 1, v: 'b', c: 7 },
    ]);
  });
});

describe('ItemReader failures: States.ItemReaderFailed', () => {
  const cases: [string, object, Record<string, string>][] = [
    ['a missing object', getObject('JSON', 'nope.json'), {}],
    ['a missing bucket', { ...getObject('JSON', 'a.json'), Parameters: { Bucket: 'nope', Key: 'a.json' } }, {}],
    ['a JSON file that is not an array', getObject('JSON', 'a.json'), { 'a.json': '{"a":1}' }],
    ['a truncated JSON array', getObject('JSON', 'a.json'), { 'a.json': '[1, 2' }],
    ['malformed JSON Lines', getObject('JSONL', 'a.json'), { 'a.json': '{"a":1}\n{oops}\n' }],
    ['a CSV row with more fields than the header', getObject('CSV', 'a.json', { CSVHeaderLocation: 'FIRST_ROW' }), { 'a.json': 'a,b\n1,2,3\n' }],
    ['an unclosed CSV quote', getObject('CSV', 'a.json', { CSVHeaderLocation: 'FIRST_ROW' }), { 'a.json': 'a\n"1\n' }],
    ['an item over 256 KiB', getObject('JSONL', 'a.json'), { 'a.json': `"${'x'.repeat(262_145)}"\n` }],
  ];
  it.each(cases)('%s', async (_what, reader, objects) => {
    const objectStore = new MemoryObjectStore({ in: objects });
    const r = await run(mapWith(reader), {}, { objectStore });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(r.types).toContain('MapRunFailed');
  });

  it('names the objectStore option when none was given', async () => {
    const r = await run(mapWith(getObject('JSON', 'a.json')), {});
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
    expect(r.cause).toContain('objectStore');
  });

  it('a reader failure can be caught like any other error', async () => {
    const objectStore = new MemoryObjectStore({ in: {} });
    const def = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemReader: getObject('JSON', 'nope.json'), ItemProcessor: processor, Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const r = await run(def, {}, { objectStore });
    expect(r.status).toBe('SUCCEEDED');
    expect((r.output as { Error: string }).Error).toBe('States.ItemReaderFailed');
  });
});

describe('MANIFEST reader streams', () => {
  const manifest = { destinationBucket: 'arn:aws:s3:::inv', fileFormat: 'CSV', fileSchema: 'Bucket, Key', files: [{ key: 'a.csv.gz' }, { key: 'bad.csv.gz' }] };
  const reader = (MaxItems?: number) => getObject('MANIFEST', 'm.json', MaxItems === undefined ? {} : { MaxItems });
  const rows = Array.from({ length: 50_000 }, (_, i) => `"b","k${i}"`).join('\n');
  const objectStore = new MemoryObjectStore({ in: { 'm.json': JSON.stringify(manifest) }, inv: { 'a.csv.gz': gzipSync(rows), 'bad.csv.gz': new Uint8Array([1, 2, 3]) } });

  it('stops decompressing when MaxItems is reached', async () => {
    const r = await run(mapWith(reader(2)), {}, { objectStore });
    expect(r.output).toEqual([
      { Bucket: 'b', Key: 'k0' },
      { Bucket: 'b', Key: 'k1' },
    ]);
  });

  it('fails with States.ItemReaderFailed on a file that is not gzip', async () => {
    const r = await run(mapWith(reader(), { ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } } }), {}, { objectStore });
    expect(r.error).toBe('States.ItemReaderFailed');
  });
});
