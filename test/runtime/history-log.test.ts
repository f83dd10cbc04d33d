/**
 * The history log's storage: events come back as AWS's GetExecutionHistory gives them (sequential
 * ids, previousEventId, an ISO-8601 timestamp, the type and one `…EventDetails` member with
 * payloads as JSON text), however many were written and however their details were given.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
import { describe, expect, it } from 'vitest';
import { detailsOf, RealClock, ReplayDivergence, type Clock, type HistoryEvent } from '../../src/index.js';
import { LazyJson, NO_PAYLOAD } from '../../src/runtime/history.js';
import { HistoryLog } from '../../src/runtime/history-log.js';

const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const iteration = (name: string, index: number) => ({ name, index });

describe('HistoryLog', () => {
  it('gives back every event as written, across many storage chunks', () => {
    // 20,000 events span the doubling chunks (64 … 8,192) and two full-size ones.
    let t = T0;
    const log = new HistoryLog(() => t++);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0) log.addState('PassStateEntered', i, `T${i % 7}`, `S${i}`, { i });
      else if (i % 3 === 1) log.add('TaskFailed', i, { error: `E${i}` }, `T${i % 7}`);
      else log.addBuilt('MapIterationStarted', i, `T${i % 7}`, iteration, 'M', i);
    }
    expect(log.length).toBe(n);
    const events = log.read();
    expect(events).toHaveLength(n);
    for (const i of [0, 1, 2, 63, 64, 191, 192, 8127, 8128, 16_319, 16_320, n - 1]) {
      const head = { id: i + 1, previousEventId: i, timestamp: iso(T0 + i) };
      if (i % 3 === 0) {
        expect(events[i]).toEqual({ ...head, type: 'PassStateEntered', stateEnteredEventDetails: { name: `S${i}`, input: `{"i":${i}}`, inputDetails: { truncated: false } } });
      } else if (i % 3 === 1) {
        expect(events[i]).toEqual({ ...head, type: 'TaskFailed', taskFailedEventDetails: { error: `E${i}` } });
      } else {
        expect(events[i]).toEqual({ ...head, type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'M', index: i } });
      }
      expect(log.threadOf(i + 1)).toBe(`T${i % 7}`);
      expect(log.timestamp(i + 1)).toBe(iso(T0 + i));
    }
    const threads = log.threads;
    expect(threads).toHaveLength(n);
    expect(threads.every((thread, i) => thread === `T${i % 7}`)).toBe(true);
  });

  it('orders the members of an event as AWS does, details last', () => {
    const log = new HistoryLog(() => T0);
    log.addState('PassStateExited', 0, '', 'P', [1]);
    expect(Object.keys(log.read()[0]!)).toEqual(['id', 'previousEventId', 'timestamp', 'type', 'stateExitedEventDetails']);
    expect(Object.keys(detailsOf(log.read()[0]!)!)).toEqual(['name', 'output', 'outputDetails']);
  });

  it('returns the same event objects on every read', () => {
    const log = new HistoryLog(() => T0);
    log.add('ExecutionStarted', 0, { input: '{}' });
    const first = log.read()[0];
    log.add('ExecutionSucceeded', 1, { output: '{}' });
    expect(log.read()[0]).toBe(first);
    expect(log.read()).toHaveLength(2);
  });

  it('leaves the payload out of a state event written without execution data', () => {
    const log = new HistoryLog(() => T0);
    log.addState('PassStateEntered', 0, '', 'P', NO_PAYLOAD);
    expect(log.read()[0]).toMatchObject({ stateEnteredEventDetails: { name: 'P' } });
    expect(detailsOf(log.read()[0]!)).not.toHaveProperty('input');
  });

  it('keeps a payload by reference and makes its JSON text on read', () => {
    const log = new HistoryLog(() => T0);
    const payload = { a: [1, 'x'] };
    log.addState('TaskStateEntered', 0, '', 'T', payload);
    log.add('TaskSucceeded', 1, { resourceType: 'lambda', resource: 'invoke', output: new LazyJson(payload) });
    const [entered, succeeded] = log.read();
    expect(entered).toMatchObject({ stateEnteredEventDetails: { input: '{"a":[1,"x"]}' } });
    expect(succeeded).toMatchObject({ taskSucceededEventDetails: { output: '{"a":[1,"x"]}' } });
  });
});

describe('HistoryLog.addBuilt', () => {
  it('builds the details only when the history is read, once', () => {
    const calls: unknown[] = [];
    const build = (name: string, index: number) => {
      calls.push(index);
      return { name, index };
    };
    const log = new HistoryLog(() => T0);
    log.addBuilt('MapIterationStarted', 0, 'M[0]', build, 'Items', 0);
    log.addBuilt('MapIterationSucceeded', 1, 'M[0]', build, 'Items', 0);
    expect(calls).toEqual([]);
    const events = log.read();
    expect(calls).toEqual([0, 0]);
    expect(events[1]).toEqual({ id: 2, previousEventId: 1, timestamp: iso(T0), type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name: 'Items', index: 0 } });
    log.read();
    expect(calls).toEqual([0, 0]);
  });

  it('turns LazyJson values in built details into JSON text', () => {
    const build = (resource: string, input: unknown) => ({ resource, input: new LazyJson(input), inputDetails: { truncated: false } });
    const log = new HistoryLog(() => T0);
    log.addBuilt('LambdaFunctionScheduled', 0, '', build, 'arn:aws:lambda:us-east-1:123456789012:function:f', { k: 'v' });
    expect(log.read()[0]).toMatchObject({ lambdaFunctionScheduledEventDetails: { resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', input: '{"k":"v"}' } });
  });

  it('builds each event as it is added when a listener is registered', () => {
    const log = new HistoryLog(() => T0);
    const seen: unknown[] = [];
    log.listen((e) => seen.push(e));
    log.addBuilt('MapIterationStarted', 0, '', iteration, 'M', 3);
    expect(seen).toEqual([{ id: 1, previousEventId: 0, timestamp: iso(T0), type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'M', index: 3 } }]);
  });

  it('still gives the right details when more builders are used than it has codes for', () => {
    const log = new HistoryLog(() => T0);
    for (let i = 0; i < 300; i++) log.addBuilt('MapIterationStarted', i, '', (name: string, index: number) => ({ name, index: index * 2 }), 'M', i);
    expect(log.read().map((e) => (e.type === 'MapIterationStarted' ? e.mapIterationStartedEventDetails?.index : -1))).toEqual(Array.from({ length: 300 }, (_, i) => i * 2));
  });
});

/** A clock that counts how often it is read; each reading is one ms later than the last. */
function counting<C extends Clock>(clock: C, start = T0): C & { reads: number } {
  const c = clock as C & { reads: number };
  c.reads = 0;
  c.now = () => start + c.reads++;
  return c;
}

describe('HistoryLog timestamps', () => {
  it('share one RealClock reading among up to 32 events written in one turn', () => {
    const clock = counting(new RealClock());
    const log = new HistoryLog(clock);
    for (let i = 0; i < 64; i++) log.add('PassStateEntered', i);
    expect(clock.reads).toBe(2);
    const times = log.read().map((e) => e.timestamp);
    expect(new Set(times.slice(0, 32))).toEqual(new Set([iso(T0)]));
    expect(new Set(times.slice(32))).toEqual(new Set([iso(T0 + 1)]));
  });

  it('read the RealClock again after a microtask turn, where real time can have passed', async () => {
    const clock = counting(new RealClock());
    const log = new HistoryLog(clock);
    log.add('PassStateEntered', 0);
    await Promise.resolve();
    log.add('PassStateExited', 1);
    expect(clock.reads).toBe(2);
    expect(log.timestamp(2)).toBe(iso(T0 + 1));
  });

  it('read any other clock (reproducible or not) for every event, exactly as before', () => {
    const reproducible = counting({ reproducible: true, now: () => 0, sleep: () => Promise.resolve(), hold: () => () => {} });
    const plain = counting({ now: () => 0, sleep: () => Promise.resolve(), hold: () => () => {} });
    for (const clock of [reproducible, plain]) {
      const log = new HistoryLog(clock);
      for (let i = 0; i < 40; i++) log.add('PassStateEntered', i);
      expect(clock.reads).toBe(40);
      expect(log.timestamp(40)).toBe(iso(T0 + 39));
    }
  });
});

describe('HistoryLog replaying a snapshot', () => {
  const recorded = {
    events: [
      { id: 1, previousEventId: 0, timestamp: iso(T0), type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
      { id: 2, previousEventId: 1, timestamp: iso(T0 + 5), type: 'MapStateEntered', stateEnteredEventDetails: { name: 'M', input: '{}' } },
      { id: 3, previousEventId: 2, timestamp: iso(T0 + 6), type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'M', index: 0 } },
    ] as HistoryEvent[],
    threads: ['', '', 'M[0]'],
  };

  it('consumes each thread\'s recorded events, then writes live ones after them', () => {
    const log = new HistoryLog(() => T0 + 100, { events: recorded.events, threads: recorded.threads });
    const seen: number[] = [];
    log.listen((e) => seen.push(e.id));
    expect(log.add('ExecutionStarted', 0, { input: '{}' }, '')).toBe(1);
    expect(log.addBuilt('MapIterationStarted', 2, 'M[0]', iteration, 'M', 0)).toBe(3);
    expect(log.replayTime('M[0]')).toBe(T0 + 6);
    expect(log.addState('MapStateEntered', 1, '', 'M', {})).toBe(2);
    expect(log.length).toBe(3);
    expect(seen).toEqual([]);
    // Thread M[0] has nothing left to replay: this event is live.
    expect(log.addState('PassStateEntered', 3, 'M[0]', 'P', { x: 1 })).toBe(4);
    expect(seen).toEqual([4]);
    expect(log.threads).toEqual(['', '', 'M[0]', 'M[0]']);
    const events = log.read();
    expect(events[0]).toBe(recorded.events[0]);
    expect(events[3]).toEqual({ id: 4, previousEventId: 3, timestamp: iso(T0 + 100), type: 'PassStateEntered', stateEnteredEventDetails: { name: 'P', input: '{"x":1}', inputDetails: { truncated: false } } });
    expect(log.timestamp(2)).toBe(iso(T0 + 5));
  });

  it('fails with ReplayDivergence when a thread writes another event than it recorded', () => {
    const log = new HistoryLog(() => T0, { events: recorded.events, threads: recorded.threads });
    expect(() => log.add('ExecutionFailed', 0, {}, '')).toThrow(ReplayDivergence);
  });
});
