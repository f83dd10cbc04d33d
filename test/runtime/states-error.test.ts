import { describe, expect, it } from 'vitest';
import { DataFlowError, StatesError } from '../../src/errors.js';

// A StatesError is a workflow failure as data (error name + cause, as AWS reports them). It is
// made on every failed attempt, so it carries no call stack; everything else is a normal Error.
describe('StatesError', () => {
  it('keeps the error name, the cause and an Error message made of both', () => {
    const e = new StatesError('PaymentDeclined', 'card expired');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('StatesError');
    expect(e.error).toBe('PaymentDeclined');
    expect(e.cause).toBe('card expired');
    expect(e.message).toBe('PaymentDeclined: card expired');
    expect(new StatesError('States.Timeout').message).toBe('States.Timeout');
    expect(new StatesError('States.Timeout').cause).toBe('');
  });

  it('has a stack of its header line only, and leaves Error.stackTraceLimit as it was', () => {
    const before = Error.stackTraceLimit;
    const e = new StatesError('X', 'y');
    expect(e.stack).toBe('StatesError: X: y');
    expect(Error.stackTraceLimit).toBe(before);
    // Other errors still capture their stack.
    expect(new Error('plain').stack?.split('\n').length).toBeGreaterThan(1);
  });

  it('keeps the shape in subclasses', () => {
    const e = new DataFlowError('States.Runtime', 'bad path');
    expect(e).toBeInstanceOf(StatesError);
    expect(e.name).toBe('DataFlowError');
    expect([e.error, e.cause]).toEqual(['States.Runtime', 'bad path']);
  });
});
