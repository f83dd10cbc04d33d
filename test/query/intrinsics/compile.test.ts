/**
 * compileIntrinsic: parse once, evaluate many times; compile-time problems are
 * IntrinsicSyntaxErrors, run-time problems are DataFlowErrors worded as AWS words them.
 */
import { describe, expect, it, vi } from 'vitest';
import { DataFlowError } from '../../../src/errors.js';
import { compileIntrinsic, IntrinsicSyntaxError, isIntrinsicCall } from '../../../src/query/intrinsics/index.js';
import { run, runFailure, scope, testPathCompiler } from './helpers.js';

describe('isIntrinsicCall', () => {
  it('recognises text starting with States. after optional whitespace', () => {
    expect(isIntrinsicCall("States.Format('x')")).toBe(true);
    expect(isIntrinsicCall('  States.UUID()')).toBe(true);
    expect(isIntrinsicCall('$.States.Format')).toBe(false);
    expect(isIntrinsicCall('states.Format()')).toBe(false);
    expect(isIntrinsicCall('')).toBe(false);
  });
});

describe('compileIntrinsic', () => {
  it('compiles each path once and does no parsing when evaluated', () => {
    const compilePath = vi.fn(testPathCompiler);
    const evaluate = compileIntrinsic('States.Array($.a, $.b)', compilePath);
    expect(compilePath).toHaveBeenCalledTimes(2);
    expect(evaluate(scope({ a: 1, b: 2 }))).toEqual([1, 2]);
    expect(evaluate(scope({ a: 3, b: 4 }))).toEqual([3, 4]);
    expect(compilePath).toHaveBeenCalledTimes(2);
  });

  it('reads the input, the context object and workflow variables', () => {
    const result = run("States.Array($.a, $$.Execution.Id, $user.name, $list[1])", { a: 1 }, {
      variables: { user: { name: 'Ana' }, list: ['x', 'y'] },
    });
    expect(result).toEqual([1, 'arn:aws:states:us-east-1:123456789012:execution:Demo:run-1', 'Ana', 'y']);
  });

  it('passes the root input through with $', () => {
    expect(run('States.JsonToString($)', { a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('evaluates nested calls inside out', () => {
    expect(run("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", {}, {
      context: { StateMachine: { Name: 'orders-prod-v2' } },
    })).toBe('orders');
  });

  it('accepts 10 levels of nesting and rejects an 11th', () => {
    const nest = (depth: number): string =>
      depth === 1 ? 'States.ArrayLength(States.Array())' : `States.ArrayLength(States.Array(${nest(depth - 1)}))`;
    // nest(5) has 10 calls, one inside the other.
    expect(run(nest(5))).toBe(1);
    expect(() => compileIntrinsic(`States.Array(${nest(5)})`, testPathCompiler)).toThrow(/nested at most 10 deep/);
  });

  it('rejects unknown functions at compile time, suggesting the likely name', () => {
    expect(() => compileIntrinsic("States.format('x')", testPathCompiler)).toThrow(
      "Unknown intrinsic function 'States.format'. Did you mean 'States.Format'?",
    );
  });

  it('rejects a wrong number of arguments at compile time, at the call position', () => {
    let error: unknown;
    try {
      compileIntrinsic('States.Array(States.ArrayLength($.a, $.b))', testPathCompiler);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IntrinsicSyntaxError);
    expect((error as IntrinsicSyntaxError).position).toBe(13);
    expect((error as IntrinsicSyntaxError).reason).toBe('States.ArrayLength takes exactly 1 argument, but was given 2');
  });

  it('reports a path the path compiler rejects as a syntax error at the path', () => {
    const compilePath = (path: string) => {
      if (path.includes('!')) throw new Error('bad token');
      return testPathCompiler(path);
    };
    expect(() => compileIntrinsic('States.Array($.a!)', compilePath)).toThrow("Invalid path '$.a!': bad token (at character 13)");
  });

  // Recorded AWS failures: "The function 'States.Format('{}', $.nope)' had the following error:
  // The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'",
  // error States.Runtime. The engine adds "An error occurred while executing the state …".
  it('fails with States.Runtime when a path argument matches nothing', () => {
    const cause = runFailure("States.Format('{}', $.nope)", { other: 1 });
    expect(cause).toBe(
      "The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
  });

  it('treats a path to an explicit null as a value, not a missing argument', () => {
    expect(run('States.Array($.a)', { a: null })).toEqual([null]);
  });

  it('fails when a variable argument is not defined', () => {
    expect(runFailure('States.Array($missing)')).toContain("The JsonPath argument for the field '$missing' could not be found");
  });

  it('quotes the whole expression when a nested call fails', () => {
    const cause = runFailure('States.Array(States.ArrayLength($.s))', { s: 'text' });
    expect(cause).toBe(
      "The function 'States.Array(States.ArrayLength($.s))' had the following error: Invalid arguments in States.ArrayLength: the first argument must be an array, but was string",
    );
  });

  it('lets errors from the path evaluators through unchanged', () => {
    const failing = new DataFlowError('States.Runtime', 'path failure');
    const evaluate = compileIntrinsic('States.Array($.a)', () => () => {
      throw failing;
    });
    expect(() => evaluate(scope())).toThrow(failing);
  });

  it('turns an unexpected exception into a DataFlowError rather than crashing', () => {
    const evaluate = compileIntrinsic('States.UUID()', testPathCompiler);
    expect(() =>
      evaluate(scope({}, { uuid: () => { throw new TypeError('boom'); } })),
    ).toThrow(DataFlowError);
  });
});
