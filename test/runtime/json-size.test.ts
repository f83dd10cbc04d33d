import { describe, expect, it } from 'vitest';
import { jsonSize } from '../../src/runtime/json-size.js';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

// The 256 KiB quota counts bytes of UTF-8 JSON text (AWS "Quotas related to state throttling / payload size").
describe('jsonSize', () => {
  it('equals the UTF-8 byte length of JSON.stringify for every kind of value', () => {
    const samples: unknown[] = [
      null, true, false, 0, -1.5, 1e21, 1e-7, 123456789, '', 'plain', 'quote " and \\ backslash', 'tab\tnew\nline\u0001\u001f',
      'é', '日本語', '😀 emoji', '\ud800 lone', '\udc00 lone', [], [1, 'a', null, [2, { b: [] }]],
      { a: 1, 'k"ey': 'v', nested: { deep: [true, false, { x: 'ü' }] } }, { skip: undefined, keep: 1 },
      JSON.parse('{"__proto__": {"p": 1}}'),
    ];
    for (const s of samples) expect(jsonSize(s)).toBe(bytes(s));
  });

  it('remembers object sizes (shared subtrees) and stays exact for new objects around them', () => {
    const shared = { big: 'x'.repeat(1000), list: [1, 2, 3] };
    expect(jsonSize(shared)).toBe(bytes(shared));
    const next = { shared, counter: { n: 7 } };
    expect(jsonSize(next)).toBe(bytes(next));
  });
});
