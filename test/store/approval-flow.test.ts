import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Runtime, StateMachine } from '../../src/index.js';
import { FileExecutionStore, MemoryExecutionStore, StoreConflictError, type ExecutionStore } from '../../src/store/index.js';

/** Lets every pending microtask and immediate run (the execution reaches its waiting point). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((res) => setImmediate(res));
}

const ASK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const definition = {
  StartAt: 'Manager',
  States: {
    Manager: { Type: 'Task', Resource: ASK, Parameters: { 'token.$': '$$.Task.Token', who: 'manager' }, ResultPath: '$.manager', Next: 'Finance' },
    Finance: { Type: 'Task', Resource: ASK, Parameters: { 'token.$': '$$.Task.Token', who: 'finance' }, ResultPath: '$.finance', End: true },
  },
};

/** A "process": a fresh machine and runtime whose handler records the tokens it was sent. */
function process_() {
  const sent: string[] = [];
  const machine = new StateMachine(definition);
  const options = { runtime: new Runtime(), handlers: { [ASK]: (input: { token: string }) => (sent.push(input.token), { MessageId: 'm' }) } };
  return { machine, options, sent };
}

let dir: string;
let shared: ExecutionStore | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'asl-store-flow-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  ['MemoryExecutionStore', () => (shared ??= new MemoryExecutionStore())],
  ['FileExecutionStore', () => new FileExecutionStore(dir)],
] as [string, () => ExecutionStore][])('an approval flow with real snapshots (%s)', (name, open) => {
  beforeEach(() => {
    shared = undefined;
  });

  it('starts, saves, is found by token, resumed, saved again and deleted when it ends', async () => {
    // Invocation 1: start; the execution waits for the manager.
    const p1 = process_();
    const started = p1.machine.start({ order: 42 }, { ...p1.options, name: `order-42-${name}` });
    await settle();
    const first = started.suspend();
    expect(first.taskTokens).toEqual([p1.sent[0]]);
    const v1 = await open().save(first);

    // Invocation 2: the manager approves.
    const p2 = process_();
    const found = await open().findByTaskToken(p1.sent[0]!);
    expect(found?.version).toBe(v1);
    const resumed = p2.machine.resume(found!.snapshot, p2.options);
    await settle(); // the resumed execution replays up to its waiting point
    resumed.sendTaskSuccess(p1.sent[0]!, { ok: 'manager' });
    await settle();
    const second = resumed.suspend();
    expect(second.taskTokens).toEqual([p2.sent[0]]);
    const v2 = await open().save(second, { expectedVersion: found!.version });
    expect(await open().findByTaskToken(p1.sent[0]!)).toBeUndefined();

    // A duplicate delivery of the manager's answer, resumed from the old snapshot, loses.
    const dup = process_();
    const stale = dup.machine.resume(found!.snapshot, dup.options);
    await settle(); // the resumed execution replays up to its waiting point
    stale.sendTaskSuccess(p1.sent[0]!, { ok: 'manager again' });
    await settle();
    await expect(open().save(stale.suspend(), { expectedVersion: found!.version })).rejects.toBeInstanceOf(StoreConflictError);

    // Invocation 3: finance approves; the execution ends and is deleted.
    const p3 = process_();
    const again = await open().findByTaskToken(p2.sent[0]!);
    expect(again?.version).toBe(v2);
    const last = p3.machine.resume(again!.snapshot, p3.options);
    await settle(); // the resumed execution replays up to its waiting point
    last.sendTaskSuccess(p2.sent[0]!, { ok: 'finance' });
    expect(await last.result).toEqual({ status: 'SUCCEEDED', output: { order: 42, manager: { ok: 'manager' }, finance: { ok: 'finance' } } });
    await open().delete(again!.snapshot.executionArn, { expectedVersion: again!.version });
    expect(await open().load(again!.snapshot.executionArn)).toBeUndefined();
    expect(await open().findByTaskToken(p2.sent[0]!)).toBeUndefined();
  });
});
