import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const QUOTA = 262_144;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

// AWS: every state's output, inside a Map iteration too, is at most 256 KiB of UTF-8 JSON; over
// it the state fails with States.DataLimitExceeded (service quotas, "Maximum input or output
// size for a task, state, or execution"). An inline Map starts each iteration with an upper
// bound of its item's size; these check that the bound never lets an oversized output through.
describe('Map iteration payload quota', () => {
  const iteration = (extra: number) => ({
    StartAt: 'Grow',
    States: {
      Grow: { Type: 'Pass', Result: 'y'.repeat(extra), ResultPath: '$.extra', Next: 'Shrink' },
      Shrink: { Type: 'Pass', Result: 'ok', End: true },
    },
  });

  it('items picked out of the input: an iteration output one byte over the quota fails', async () => {
    const item = { s: 'x'.repeat(100_000) };
    // {"s":"…","extra":"…"}: the item, `,"extra":` (9 bytes) and the quoted string (+2).
    const extra = QUOTA - bytes(item) - 9 - 2 + 1;
    const def = { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: iteration(extra), End: true } } };
    const over = await run(def, { items: [item] });
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(over.cause).toContain("'Grow'");
    const at = await run({ ...def, States: { M: { ...def.States.M, ItemProcessor: iteration(extra - 1) } } }, { items: [item] });
    expect(at).toMatchObject({ status: 'SUCCEEDED', output: ['ok'] });
  });

  it('an ItemSelector that makes each item larger than the Map input still has every output counted', async () => {
    const input = { big: 'x'.repeat(102_000), items: [1] };
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'a.$': '$.big', 'b.$': '$.big' },
          ItemProcessor: iteration(60_000),
          End: true,
        },
      },
    };
    // Each iteration's output is about 264,000 bytes, while the Map's whole input is about 102,000.
    const r = await run(def, input);
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(r.cause).toContain("'Grow'");
  });
});
