import { describe, expect, it } from 'vitest';
import { LazyAbort, linkedAbort, onAbort } from '../../src/runtime/abort.js';

// A Parallel's branches and a Map's iterations share one group stop linked to their thread's;
// these pin down that it behaves as a linked AbortController would, without making one.
describe('linkedAbort', () => {
  it('stops with the parent LazyAbort, with its reason, before any signal is asked for', () => {
    const parent = new LazyAbort();
    const { abort } = linkedAbort(parent);
    parent.abort('why');
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('why');
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe('why');
  });

  it('stops with a parent AbortSignal', () => {
    const parent = new AbortController();
    const { abort } = linkedAbort(parent.signal);
    parent.abort('gone');
    expect(abort.aborted).toBe(true);
    expect(abort.signal.reason).toBe('gone');
  });

  it('can stop on its own without stopping the parent', () => {
    const parent = new LazyAbort();
    const { abort, unlink } = linkedAbort(parent);
    abort.abort('item failed');
    expect(parent.aborted).toBe(false);
    unlink();
  });

  it('once unlinked, no longer follows the parent', () => {
    const parent = new LazyAbort();
    const { abort, unlink } = linkedAbort(parent);
    unlink();
    parent.abort('late');
    expect(abort.aborted).toBe(false);
  });

  it('aborts a signal handed out earlier, and runs its callbacks and linked groups in subscription order', () => {
    const parent = new LazyAbort();
    const seen: string[] = [];
    const signal = parent.signal;
    onAbort(signal, () => seen.push('signal-1'));
    const { abort: child } = linkedAbort(parent);
    child.onAbort(() => seen.push('child'));
    onAbort(signal, () => seen.push('signal-2'));
    parent.abort('stop');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('stop');
    expect(seen).toEqual(['signal-1', 'child', 'signal-2']);
  });

  it('calls a callback at once when the group has already stopped', () => {
    const a = new LazyAbort();
    a.abort('done');
    let got: unknown;
    a.onAbort((r) => (got = r));
    expect(got).toBe('done');
  });
});
