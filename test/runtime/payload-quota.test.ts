import { describe, expect, it } from 'vitest';
import { AslUsageError, StateMachine, VirtualClock } from '../../src/index.js';
import { run } from '../helpers.js';

const QUOTA = 262_144;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

// AWS: a state's output is at most 256 KiB of UTF-8 JSON (StateExitedEventDetails.output,
// "Maximum length of 262144"; over it the state fails with States.DataLimitExceeded), and so is
// the execution input (StartExecution). Sizes are counted in bytes, not characters.
describe('payload quota at a state exit', () => {
  it('an output of exactly 256 KiB passes; one byte more fails with States.DataLimitExceeded', async () => {
    const at = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'x'.repeat(QUOTA - 2), End: true } } });
    expect(at.status).toBe('SUCCEEDED');
    const over = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'x'.repeat(QUOTA - 1), End: true } } });
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('counts UTF-8 bytes: 131,072 two-byte characters are over the quota', async () => {
    const r = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 'é'.repeat(131_072), End: true } } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('an output that grows a large input past the quota fails, even when each part was within it', async () => {
    const input = { big: 'x'.repeat(150_000) };
    const r = await run({ StartAt: 'Copy', States: { Copy: { Type: 'Pass', ResultPath: '$.copy', End: true } } }, input);
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(r.cause).toContain("'Copy'");
  });

  it('only the output after OutputPath counts: a larger intermediate value is not a failure', async () => {
    const input = { big: 'x'.repeat(150_000), small: 1 };
    const r = await run({ StartAt: 'Copy', States: { Copy: { Type: 'Pass', ResultPath: '$.copy', OutputPath: '$.small', End: true } } }, input);
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: 1 });
  });

  it('a state whose input is at the quota passes it on unchanged', async () => {
    const input = { s: 'x'.repeat(QUOTA - 8) };
    expect(bytes(input)).toBe(QUOTA);
    const r = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } }, input);
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: input });
  });
});

describe('execution input and final output', () => {
  const echo = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
  const clock = () => new VirtualClock('2024-01-01T00:00:00Z');

  it('refuses input over 256 KiB of UTF-8 with its size in bytes, and accepts exactly 256 KiB', async () => {
    expect(() => echo.start({ s: 'é'.repeat(131_070) }, { clock: clock() })).toThrow(
      new AslUsageError(`Execution input is ${bytes({ s: 'é'.repeat(131_070) })} bytes; AWS accepts at most 262144 (256 KiB).`),
    );
    const r = await echo.run({ s: 'x'.repeat(QUOTA - 8) }, { clock: clock() });
    expect(r.status).toBe('SUCCEEDED');
  });

  it('refuses input that is not JSON data, naming the field', () => {
    expect(() => echo.start({ ok: 1, f: () => 1 }, { clock: clock() })).toThrow(
      "Execution input is not JSON-serialisable: the field 'f' holds a function, which JSON cannot represent",
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.me = cyclic;
    expect(() => echo.start(cyclic, { clock: clock() })).toThrow(AslUsageError);
  });

  it('takes a copy: changing the caller object after start() changes nothing', async () => {
    const input = { list: [1, 2], nested: { a: 'b' } };
    const execution = echo.start(input, { clock: clock() });
    input.list.push(3);
    input.nested.a = 'changed';
    const r = await execution.result;
    expect(r.output).toEqual({ list: [1, 2], nested: { a: 'b' } });
    expect(execution.history[0]).toMatchObject({ executionStartedEventDetails: { input: '{"list":[1,2],"nested":{"a":"b"}}' } });
  });

  it('copies what is not plain data through its JSON text (a Date becomes its ISO string)', async () => {
    const execution = echo.start({ when: new Date(0), n: 1 }, { clock: clock() });
    const r = await execution.result;
    expect(r.output).toEqual({ when: '1970-01-01T00:00:00.000Z', n: 1 });
    expect(execution.history[0]).toMatchObject({ executionStartedEventDetails: { input: '{"when":"1970-01-01T00:00:00.000Z","n":1}' } });
  });

  it('ExecutionStarted and ExecutionSucceeded carry the payloads as JSON text, marked not truncated', async () => {
    const input = { text: 'ünïcode "quoted"', list: [1.5, null, true] };
    const execution = echo.start(input, { clock: clock() });
    await execution.result;
    const h = execution.history;
    expect(h[0]).toMatchObject({
      type: 'ExecutionStarted',
      executionStartedEventDetails: { input: JSON.stringify(input), inputDetails: { truncated: false } },
    });
    expect(Object.keys((h[0] as { executionStartedEventDetails: object }).executionStartedEventDetails)).toEqual(['roleArn', 'input', 'inputDetails']);
    expect(h.at(-1)).toMatchObject({
      type: 'ExecutionSucceeded',
      executionSucceededEventDetails: { output: JSON.stringify(input), outputDetails: { truncated: false } },
    });
  });

  it('with includeExecutionData: false the events carry no payload', async () => {
    const execution = echo.start({ a: 1 }, { clock: clock(), includeExecutionData: false });
    await execution.result;
    expect(execution.history[0]).toMatchObject({ executionStartedEventDetails: { roleArn: expect.any(String) } });
    expect(execution.history[0]).not.toHaveProperty('executionStartedEventDetails.input');
    expect(execution.history.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', executionSucceededEventDetails: {} });
    expect(execution.history.at(-1)).not.toHaveProperty('executionSucceededEventDetails.output');
  });
});
