/**
 * The definition hash a snapshot carries: the same for the same definition whatever its key
 * order, different for another definition, and the same whether it is read before or after an
 * execution snapshots (it is computed on first use, so a machine that never snapshots never
 * pays for it).
 */
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';

const WAIT = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, Next: 'D' }, D: { Type: 'Succeed' } } };
const REORDERED = { States: { D: { Type: 'Succeed' }, W: { Next: 'D', Seconds: 10, Type: 'Wait' } }, StartAt: 'W' };

describe('StateMachine.definitionHash', () => {
  it('is a SHA-256 in hex that ignores key order and changes with the definition', () => {
    const a = new StateMachine(WAIT).definitionHash;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(new StateMachine(REORDERED).definitionHash).toBe(a);
    const longer = { ...WAIT, States: { ...WAIT.States, W: { ...WAIT.States.W, Seconds: 11 } } };
    expect(new StateMachine(longer).definitionHash).not.toBe(a);
  });

  it('is what a snapshot carries when the machine never read it before, and resume accepts it', async () => {
    const machine = new StateMachine(WAIT);
    const execution = machine.start({}, { clock: new VirtualClock(0, { autoAdvance: false }) });
    await new Promise((r) => setImmediate(r));
    const snap = execution.suspend();
    expect(snap.definitionHash).toBe(new StateMachine(REORDERED).definitionHash);
    expect(snap.definitionHash).toBe(machine.definitionHash);
    const resumed = machine.resume(snap, { clock: new VirtualClock(0) });
    expect((await resumed.result).status).toBe('SUCCEEDED');
  });

  it('refuses, on resume, a snapshot from a machine whose hash was read first', async () => {
    const first = new StateMachine(WAIT);
    void first.definitionHash;
    const execution = first.start({}, { clock: new VirtualClock(0, { autoAdvance: false }) });
    await new Promise((r) => setImmediate(r));
    const snap = execution.suspend();
    const other = new StateMachine({ ...WAIT, Comment: 'another definition' });
    expect(() => other.resume(snap)).toThrow(/different definition/);
  });
});
