/**
 * Durable executions stay consistent: answered task tokens stay retired across any number of
 * save/resume cycles, and a damaged snapshot is refused by resume() with a typed error instead
 * of surfacing later inside the execution.
 */
import { describe, expect, it } from 'vitest';
import { InvalidSnapshotError, Runtime, SnapshotAlreadyResumedError, StateMachine, TaskTokenError, VirtualClock, type ExecutionSnapshot } from '../../src/index.js';

const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const machine = new StateMachine({
  StartAt: 'A',
  States: {
    A: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, ResultPath: '$.a', Next: 'B' },
    B: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, ResultPath: '$.b', Next: 'C' },
    C: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, ResultPath: '$.c', End: true },
  },
});
const handlers = { [CALLBACK]: () => ({ MessageId: 'm' }) };

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/** Survives JSON, as a snapshot kept in a store does. */
const roundTrip = (s: ExecutionSnapshot): ExecutionSnapshot => JSON.parse(JSON.stringify(s)) as ExecutionSnapshot;

describe('task tokens across save and resume', () => {
  it('lists only the live token, however many times the execution was resumed', async () => {
    const first = machine.start({}, { handlers, clock: new VirtualClock(0) });
    await settle();
    let snap = roundTrip(first.suspend());
    const [tokenA] = snap.taskTokens;
    expect(snap.taskTokens).toHaveLength(1);

    const second = machine.resume(snap, { handlers, clock: new VirtualClock(0), runtime: new Runtime() });
    second.sendTaskSuccess(tokenA!, { ok: 'A' });
    await settle();
    snap = roundTrip(second.suspend());
    const [tokenB] = snap.taskTokens;
    expect(snap.taskTokens).toEqual([tokenB]);
    expect(tokenB).not.toBe(tokenA);

    const third = machine.resume(snap, { handlers, clock: new VirtualClock(0), runtime: new Runtime() });
    third.sendTaskSuccess(tokenB!, { ok: 'B' });
    await settle();
    snap = roundTrip(third.suspend());
    // A and B were answered in earlier lives of the execution; only C is waited on.
    expect(snap.taskTokens).toHaveLength(1);
    expect(snap.taskTokens).not.toContain(tokenA);
    expect(snap.taskTokens).not.toContain(tokenB);

    const fourth = machine.resume(snap, { handlers, clock: new VirtualClock(0), runtime: new Runtime() });
    await settle();
    // A late answer to an old token is refused, as AWS answers TaskDoesNotExist.
    expect(() => fourth.sendTaskSuccess(tokenA!, {})).toThrow(TaskTokenError);
    expect(() => fourth.sendTaskSuccess(tokenA!, {})).toThrow(expect.objectContaining({ name: 'TaskDoesNotExist' }));
    fourth.sendTaskSuccess(snap.taskTokens[0]!, { ok: 'C' });
    expect(await fourth.result).toMatchObject({ status: 'SUCCEEDED', output: { a: { ok: 'A' }, b: { ok: 'B' }, c: { ok: 'C' } } });
  });
});

describe('resuming one snapshot twice', () => {
  it('on one Runtime is refused with SnapshotAlreadyResumedError while the first copy runs, and allowed after it ended', async () => {
    const e = machine.start({}, { handlers, clock: new VirtualClock(0) });
    await settle();
    const snap = roundTrip(e.suspend());
    const runtime = new Runtime();
    const first = machine.resume(snap, { handlers, clock: new VirtualClock(0), runtime });
    expect(() => machine.resume(snap, { handlers, clock: new VirtualClock(0), runtime })).toThrow(SnapshotAlreadyResumedError);
    first.stop();
    await first.result;
    const again = machine.resume(snap, { handlers, clock: new VirtualClock(0), runtime });
    again.stop();
    expect((await again.result).status).toBe('ABORTED');
  });
});

describe('a damaged snapshot', () => {
  async function snapshot(): Promise<ExecutionSnapshot> {
    const e = machine.start({}, { handlers, clock: new VirtualClock(0) });
    await settle();
    return roundTrip(e.suspend());
  }

  it('with an unknown event type is refused by resume() with InvalidSnapshotError', async () => {
    const s = await snapshot();
    (s.events[1] as { type: string }).type = 'NoSuchEvent';
    expect(() => machine.resume(s)).toThrow(InvalidSnapshotError);
  });

  it('with a start time that is not a date is refused by resume() with InvalidSnapshotError', async () => {
    const s = { ...(await snapshot()), startTime: 'yesterday' };
    expect(() => machine.resume(s)).toThrow(InvalidSnapshotError);
  });

  it('with events out of order, missing threads or a bad journal is refused', async () => {
    const s = await snapshot();
    expect(() => machine.resume({ ...s, events: [...s.events].reverse() })).toThrow(InvalidSnapshotError);
    expect(() => machine.resume({ ...s, threads: s.threads.slice(1) })).toThrow(InvalidSnapshotError);
    expect(() => machine.resume({ ...s, journal: { k: {} as unknown as string } })).toThrow(InvalidSnapshotError);
    expect(() => machine.resume({ ...s, taskTokens: [5 as unknown as string] })).toThrow(InvalidSnapshotError);
  });

  it('whose history disagrees with the definition fails the execution; result still resolves', async () => {
    const s = await snapshot();
    // A known type, but not what this definition does at that point.
    (s.events[1] as { type: string }).type = 'PassStateEntered';
    const e = machine.resume(s, { handlers, clock: new VirtualClock(0) });
    const r = await e.result;
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('diverged from its snapshot');
    expect(e.history.at(-1)?.type).toBe('ExecutionFailed');
  });
});
