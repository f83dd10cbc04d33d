import { StatesError, StatesErrors } from '../errors.js';
import type { RunOptions } from '../runtime/state-machine.js';
import type { ResolvedTask, TaskContext, TaskResolver } from '../tasks/types.js';

/** A mocked failure: the Task fails with this error name and cause, as if the service raised it. */
export interface MockThrow {
  readonly throw: { readonly error: string; readonly cause?: string };
}

/** An explicit mocked result: needed only when the result itself is an array or looks like `{ throw }`. */
export interface MockReturn {
  readonly return: unknown;
}

/** A function mock: computes the result (or throws) from the task's effective input. */
export type MockFunction = (input: any, context: TaskContext) => unknown;

/**
 * A result given as is: any JSON value except an array (a plain array is read as one outcome
 * per attempt; return an array with `{ return: [...] }`).
 */
export type MockValue = null | boolean | number | string | { readonly [key: string]: unknown };

/** One outcome of a mocked Task: a result value, `{ return }`, `{ throw }`, or a function. */
export type MockOutcome = MockThrow | MockReturn | MockFunction | MockValue;

/**
 * What a mocked Task state does. An array lists one outcome per attempt (`context.attempt`,
 * 0 for the first try, n for the n-th retry); any other value applies to every attempt.
 */
export type Mock = MockOutcome | readonly MockOutcome[];

/** Mocks keyed by Task state name (anywhere in the machine, including Parallel branches and Map processors). */
export type Mocks = Readonly<Record<string, Mock>>;

/**
 * A resolver that serves Task states by name from `mocks`; states without a mock fall through
 * to the next resolver (handlers, lambdas).
 *
 * The value is the task's raw result in the service's response shape (for `lambda:invoke`, the
 * envelope `{ StatusCode, Payload, … }`), before ResultSelector/ResultPath.
 *
 * An attempt past the end of an array mock fails the execution with `States.Runtime`
 * (uncatchable) rather than repeating the last entry. That is AWS Step Functions Local's rule
 * for mock-config files ("Configuration File for Mocked Service Integrations": "you must specify
 * a mocked response for every invocation … If you do not specify a mocked response, the state
 * machine execution will fail"); repeating would hide a Retry that runs more often than the
 * test expects.
 *
 * @example
 * machine.run(input, { resolvers: [mockResolver({
 *   Charge: [{ throw: { error: 'Timeout' } }, { ok: true }], // fails once, then succeeds
 *   Notify: (input) => ({ sent: input.email }),
 * })] });
 */
export function mockResolver(mocks: Mocks): TaskResolver {
  return {
    resolve({ stateName }) {
      if (!Object.prototype.hasOwnProperty.call(mocks, stateName)) return undefined;
      // Own property checked above; an explicit `undefined` mock settles as the value undefined.
      const mock = mocks[stateName] as Mock;
      const task: ResolvedTask = {
        invoke: (input, context) => {
          if (!isList(mock)) return settle(mock, input, context);
          if (context.attempt >= mock.length) {
            throw new StatesError(
              StatesErrors.Runtime,
              `The mock for Task state '${stateName}' lists ${mock.length} outcome(s) but attempt ${context.attempt} (0-based) was made. ` +
                'Add one outcome per attempt the test expects.',
            );
          }
          return settle(mock[context.attempt]!, input, context);
        },
        // A function mock may return nothing, like a Lambda function.
        undefinedResult: 'lambda',
      };
      return task;
    },
  };
}

/** Turns one outcome into the handler's behaviour: a value, a StatesError, or a call. */
function settle(outcome: MockOutcome, input: unknown, context: TaskContext): unknown {
  if (typeof outcome === 'function') return (outcome as MockFunction)(input, context);
  if (isThrow(outcome)) throw new StatesError(outcome.throw.error, outcome.throw.cause ?? '');
  if (isReturn(outcome)) return outcome.return;
  return outcome;
}

// Array.isArray does not narrow a readonly array type, hence the guard.
function isList(m: Mock | undefined): m is readonly MockOutcome[] {
  return Array.isArray(m);
}

// Only an object whose sole key is `throw` / `return` is a directive, so ordinary results pass.
function isThrow(v: unknown): v is MockThrow {
  if (!isSoleKey(v, 'throw')) return false;
  const t = (v as { throw: unknown }).throw;
  return !!t && typeof t === 'object' && typeof (t as { error?: unknown }).error === 'string';
}

function isReturn(v: unknown): v is MockReturn {
  return isSoleKey(v, 'return');
}

function isSoleKey(v: unknown, key: string): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === key;
}

/**
 * `options` with `mocks` put in front of its resolvers, so mocks win over handlers and lambdas.
 *
 * @example
 * await machine.run(input, withMocks({ clock: new VirtualClock() }, { GetUser: { id: 1 } }));
 */
export function withMocks<T extends RunOptions>(options: T, mocks: Mocks): T {
  return { ...options, resolvers: [mockResolver(mocks), ...(options.resolvers ?? [])] };
}
