import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Runtime, StateMachine, VirtualClock } from '../../src/index.js';
import { FileExecutionStore } from '../../src/node.js';
// @ts-expect-error plain JavaScript example module
import { approvalInbox } from '../../examples/order-approval/approvals.mjs';

const definition = readFileSync(new URL('../../examples/order-approval/state-machine.asl.json', import.meta.url), 'utf8');
const T0 = '2024-05-01T09:00:00Z';

async function tokenOf(inbox: { messages: { taskToken: string }[] }): Promise<string> {
  while (inbox.messages.length === 0) await new Promise((r) => setImmediate(r));
  return inbox.messages.at(-1)!.taskToken;
}

describe('examples/order-approval', () => {
  it('in one process: a large order waits for the manager, who approves through the token', async () => {
    const inbox = approvalInbox();
    const runtime = new Runtime();
    const e = new StateMachine(definition, { handlers: inbox.handlers }).start({ orderId: 'A-1', amount: 5000 }, { runtime });
    runtime.sendTaskSuccess(await tokenOf(inbox), { by: 'boss' });
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { orderId: 'A-1', status: 'APPROVED', by: 'boss' } });
  });

  it('a small order needs no approval; a rejection and a week without answer decline', async () => {
    const machine = new StateMachine(definition, { handlers: approvalInbox().handlers });
    expect((await machine.run({ orderId: 'S', amount: 10 })).output).toMatchObject({ status: 'APPROVED', by: 'policy: under 1000' });

    const inbox = approvalInbox();
    const rejected = new StateMachine(definition, { handlers: inbox.handlers }).start({ orderId: 'R', amount: 2000 });
    rejected.sendTaskFailure(await tokenOf(inbox), 'Rejected', 'too expensive');
    expect((await rejected.result).output).toEqual({ orderId: 'R', status: 'DECLINED', reason: 'too expensive' });

    const clock = new VirtualClock(T0);
    const silent = approvalInbox();
    const late = new StateMachine(definition, { handlers: silent.handlers }).start({ orderId: 'L', amount: 2000 }, { clock });
    await tokenOf(silent);
    await clock.advance(7 * 86_400_000);
    expect((await late.result).output).toMatchObject({ orderId: 'L', status: 'DECLINED' });
  });

  it('across processes: saved while waiting, found by token, resumed — same history as one process', async () => {
    const input = { orderId: 'A-7', amount: 2500 };
    // Uninterrupted reference run.
    const refInbox = approvalInbox();
    const refRuntime = new Runtime();
    const ref = new StateMachine(definition, { handlers: refInbox.handlers }).start(input, { runtime: refRuntime, clock: new VirtualClock(T0), name: 'a7', uuid: ids() });
    refRuntime.sendTaskSuccess(await tokenOf(refInbox), { by: 'manager' });
    const refResult = await ref.result;

    // "Process 1": start and save.
    const store = new FileExecutionStore(mkdtempSync(join(tmpdir(), 'approval-test-')));
    const uuid = ids();
    const inbox = approvalInbox();
    const first = new StateMachine(definition, { handlers: inbox.handlers }).start(input, { clock: new VirtualClock(T0), name: 'a7', uuid });
    const token = await tokenOf(inbox);
    await store.save(first.suspend());

    // "Process 2": a new machine and runtime, found by token.
    const stored = (await store.findByTaskToken(token))!;
    expect(stored.snapshot.executionArn).toBe(first.executionArn);
    const again = new StateMachine(definition, { handlers: approvalInbox().handlers }).resume(stored.snapshot, { clock: new VirtualClock(T0), uuid });
    again.sendTaskSuccess(token, { by: 'manager' });
    expect(await again.result).toEqual(refResult);
    expect(again.history).toEqual(ref.history);
  });

  it('the example script runs end to end', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['examples/order-approval/run.mjs', 'reject']);
    expect(stdout).toContain('process 2: SUCCEEDED {"orderId":"A-7","status":"DECLINED","reason":"Budget exceeded"}');
  });
});

function ids() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}
