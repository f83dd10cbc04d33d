import { describe, expect, it } from 'vitest';
import { ABORT_ERROR, abortFlag, FlaggedController, LazyAbort, linkedController } from '../../src/runtime/abort.js';

// The run loop reads a thread's abort as a plain flag; these pin down when the flag is set.
describe('abortFlag', () => {
  it('is set by abort() of a FlaggedController, with the reason on the signal as usual', () => {
    const c = new FlaggedController();
    const flag = abortFlag(c.signal);
    expect(flag.aborted).toBe(false);
    const reason = new Error('stop');
    c.abort(reason);
    expect(flag.aborted).toBe(true);
    expect(c.signal.aborted).toBe(true);
    expect(c.signal.reason).toBe(reason);
  });

  it('follows any other signal through one shared callback, and is one flag per signal', () => {
    const c = new AbortController();
    const flag = abortFlag(c.signal);
    expect(abortFlag(c.signal)).toBe(flag);
    c.abort();
    expect(flag.aborted).toBe(true);
  });

  it('is set at once for a signal that has already aborted', () => {
    expect(abortFlag(AbortSignal.abort()).aborted).toBe(true);
  });

  it('is set for a linked child when its parent aborts, with the parent reason', () => {
    const parent = new FlaggedController();
    const { controller, unlink } = linkedController(parent.signal);
    const flag = abortFlag(controller.signal);
    parent.abort('why');
    expect(flag.aborted).toBe(true);
    expect(controller.signal.reason).toBe('why');
    unlink();
  });

  it('without a reason, abort() gives the standard AbortError DOMException', () => {
    const c = new FlaggedController();
    c.abort();
    expect(c.signal.reason).toBeInstanceOf(DOMException);
    expect((c.signal.reason as DOMException).name).toBe('AbortError');
  });

  it('the shared reason is an AbortError DOMException, as AbortController.abort() would make', () => {
    expect(ABORT_ERROR).toBeInstanceOf(DOMException);
    expect((ABORT_ERROR as DOMException).name).toBe('AbortError');
    const standard = new AbortController();
    standard.abort();
    expect((ABORT_ERROR as DOMException).message).toBe((standard.signal.reason as DOMException).message);
  });
});

describe('LazyAbort', () => {
  it('is a flag first; the signal, made on demand, carries an abort that came before it', () => {
    const a = new LazyAbort();
    expect(a.aborted).toBe(false);
    a.abort('first');
    a.abort('second');
    expect(a.aborted).toBe(true);
    expect(a.reason).toBe('first');
    expect(a.signal.aborted).toBe(true);
    expect(a.signal.reason).toBe('first');
  });

  it('aborts a signal made before the abort, once, with the reason', () => {
    const a = new LazyAbort();
    const signal = a.signal;
    expect(a.signal).toBe(signal);
    const seen: unknown[] = [];
    signal.addEventListener('abort', () => seen.push(signal.reason));
    a.abort('why');
    a.abort('again');
    expect(seen).toEqual(['why']);
  });
});
