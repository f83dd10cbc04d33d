// Durable executions stay consistent (issue 11 §5, findings D5): across many save / resume
// cycles, a task token that was answered is retired for good — the snapshot lists only live
// tokens, the store's index holds only those, and a late answer to an old token finds nothing.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Runtime, StateMachine } from '../../src/index.js';
import { FileExecutionStore, MemoryExecutionStore, type ExecutionStore } from '../../src/store/index.js';

const ASK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
/** Asks for approval `rounds` times in a loop: one live callback token at a time. */
const definition = {
  StartAt: 'Ask',
  States: {
    Ask: { Type: 'Task', Resource: ASK, Parameters: { 'token.$': '$$.Task.Token' }, ResultPath: null, Next: 'Count' },
    Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'rounds.$': '$.rounds' }, Next: 'More' },
    More: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThanPath: '$.rounds', Next: 'Ask' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};
const ROUNDS = 25;

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((res) => setImmediate(res));
}

/** A fresh "process": its own machine and Runtime, and the tokens its handler was sent. */
function process_() {
  const sent: string[] = [];
  const runtime = new Runtime();
  const options = { runtime, handlers: { [ASK]: (input: { token: string }) => (sent.push(input.token), {}) } };
  return { machine: new StateMachine(definition), options, runtime, sent };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'asl-store-retire-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  ['MemoryExecutionStore', () => new MemoryExecutionStore()],
  ['FileExecutionStore', () => new FileExecutionStore(dir)],
] as [string, () => ExecutionStore][])('answered tokens over %s save / resume cycles', (name, open) => {
  it(`are retired for good over ${ROUNDS} cycles`, async () => {
    const store = open();
    const first = process_();
    const started = first.machine.start({ n: 0, rounds: ROUNDS }, { ...first.options, name: `loop-${name}` });
    await settle();
    let version = await store.save(started.suspend());
    let waitingOn = first.sent[0]!;
    const answered: string[] = [];

    for (let round = 1; round < ROUNDS; round++) {
      const p = process_();
      const found = await store.findByTaskToken(waitingOn);
      expect(found?.version).toBe(version);
      const resumed = p.machine.resume(found!.snapshot, p.options);
      await settle();
      resumed.sendTaskSuccess(waitingOn, {});
      answered.push(waitingOn);
      await settle();
      // A late (duplicate) answer to any answered token is refused, never accepted.
      for (const old of answered.slice(-3)) {
        expect(() => resumed.sendTaskSuccess(old, {})).toThrow(expect.objectContaining({ name: expect.stringMatching(/^(TaskDoesNotExist|TaskTimedOut)$/) }));
      }
      const snapshot = resumed.suspend();
      waitingOn = p.sent.at(-1)!;
      expect(snapshot.taskTokens).toEqual([waitingOn]);
      version = await store.save(snapshot, { expectedVersion: version });
    }

    for (const old of answered) expect(await store.findByTaskToken(old)).toBeUndefined();
    expect((await store.findByTaskToken(waitingOn))?.version).toBe(version);
    if (store instanceof FileExecutionStore) {
      // The index holds the one live token: it does not grow with the number of saves.
      expect(await readdir(path.join(dir, 'tokens'))).toEqual([path.basename(store.tokenPath(waitingOn))]);
    }

    // The last answer ends it.
    const last = process_();
    const found = await store.findByTaskToken(waitingOn);
    const resumed = last.machine.resume(found!.snapshot, last.options);
    await settle();
    resumed.sendTaskSuccess(waitingOn, {});
    expect(await resumed.result).toEqual({ status: 'SUCCEEDED', output: { n: ROUNDS, rounds: ROUNDS } });
    await store.delete(found!.snapshot.executionArn, { expectedVersion: found!.version });
    expect(await store.findByTaskToken(waitingOn)).toBeUndefined();
  }, 60_000);
});
