import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const waitThen = (wait: object) => ({ StartAt: 'W', States: { W: { Type: 'Wait', ...wait, End: true } } });

// AWS "Wait workflow state".
describe('Wait state', () => {
  it('waits Seconds on the clock and passes its input through', async () => {
    const r = await run(waitThen({ Seconds: 86_400 }), { a: 1 });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } });
    const [entered, exited] = r.execution.history.filter((e) => e.type.startsWith('WaitState'));
    expect(Date.parse(exited!.timestamp) - Date.parse(entered!.timestamp)).toBe(86_400_000);
  });

  it('a one-year wait finishes at once under the virtual clock', async () => {
    const r = await run(waitThen({ Seconds: 31_536_000 }), {});
    expect(r.status).toBe('SUCCEEDED');
    // 2024 is a leap year: 365 days after 1 January is 31 December.
    expect(r.execution.history.at(-1)!.timestamp).toBe('2024-12-31T00:00:00.000Z');
  });

  it('waits until a Timestamp, or not at all when it is in the past', async () => {
    const r = await run(waitThen({ Timestamp: '2024-01-01T00:10:00Z' }), {});
    expect(r.execution.history.at(-1)!.timestamp).toBe('2024-01-01T00:10:00.000Z');
    const past = await run(waitThen({ Timestamp: '2020-01-01T00:00:00Z' }), {});
    expect(past.execution.history.at(-1)!.timestamp).toBe('2024-01-01T00:00:00.000Z');
  });

  it('reads SecondsPath and TimestampPath from the input', async () => {
    const a = await run(waitThen({ SecondsPath: '$.s' }), { s: 5 });
    expect(a.execution.history.at(-1)!.timestamp).toBe('2024-01-01T00:00:05.000Z');
    const b = await run(waitThen({ TimestampPath: '$.t' }), { t: '2024-01-01T01:00:00+01:00' });
    expect(b.status).toBe('SUCCEEDED');
  });

  it('fails with States.Runtime when SecondsPath is not an integer (recorded AWS cause)', async () => {
    const r = await run({ StartAt: 'WaitState', States: { WaitState: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, { s: 1.5 });
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toBe("An error occurred while executing the state 'WaitState' (entered at the event id #2). The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
  });

  it('fails with States.Runtime when TimestampPath is not an ISO-8601 date-time with T and offset', async () => {
    for (const t of ['2016-12-05 21:29:29Z', '2016-12-05T21:29:29', 'soon']) {
      const r = await run(waitThen({ TimestampPath: '$.t' }), { t });
      expect(r.error).toBe('States.Runtime');
      expect(r.cause).toContain('ISO-8601');
    }
  });
});
