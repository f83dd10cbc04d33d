import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// AWS "Passing data between states with variables".
describe('Workflow variables', () => {
  it('JSONPath Assign stores literals, paths, context paths and intrinsics for later states', async () => {
    const r = await run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { lit: 1, 'fromInput.$': '$.x', 'name.$': '$$.Execution.Name', 'fmt.$': "States.Format('x={}', $.x)" }, Next: 'B' },
          B: { Type: 'Pass', Parameters: { 'lit.$': '$lit', 'fromInput.$': '$fromInput', 'name.$': '$name', 'fmt.$': '$fmt' }, End: true },
        },
      },
      { x: 5 },
      { name: 'e1' },
    );
    expect(r.output).toEqual({ lit: 1, fromInput: 5, name: 'e1', fmt: 'x=5' });
  });

  it('Assign on a Task sees the result (after ResultSelector); InputPath can read a variable', async () => {
    const r = await run(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::x:y', ResultSelector: { 'v.$': '$.value' }, Assign: { 'got.$': '$.v' }, ResultPath: null, Next: 'U' },
          U: { Type: 'Pass', InputPath: '$got', End: true },
        },
      },
      {},
      { handlers: { 'arn:aws:states:::x:y': () => ({ value: 42 }) } },
    );
    expect(r.output).toBe(42);
  });

  it('JSONata Assign and Output both see the variable values from before the state', async () => {
    const r = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { n: 1 }, Next: 'B' },
          B: { Type: 'Pass', Assign: { n: '{% $n + 1 %}' }, Output: { before: '{% $n %}' }, Next: 'C' },
          C: { Type: 'Pass', Output: { after: '{% $n %}' }, End: true },
        },
      },
    );
    expect(r.status).toBe('SUCCEEDED');
    const exitedB = r.execution.history.find((e) => e.type === 'PassStateExited' && e.stateExitedEventDetails?.name === 'B');
    expect(exitedB?.type === 'PassStateExited' && exitedB.stateExitedEventDetails).toMatchObject({ output: '{"before":1}', assignedVariables: { n: '2' } });
    expect(r.output).toEqual({ after: 2 });
  });

  it('a catcher Assign replaces the state Assign on a caught error', async () => {
    const r = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::x:y',
            Assign: { outcome: 'ok' },
            Catch: [{ ErrorEquals: ['States.ALL'], Assign: { outcome: '{% $states.errorOutput.Error %}' }, Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', Output: '{% $outcome %}', End: true },
        },
      },
      {},
      { handlers: { 'arn:aws:states:::x:y': () => { throw Object.assign(new Error(''), { name: 'Nope' }); } } },
    );
    expect(r.output).toBe('Nope');
  });

  it('Parallel branches and Map iterations read outer variables; what they assign stays inside', async () => {
    const r = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Init',
        States: {
          Init: { Type: 'Pass', Assign: { base: 10, mark: 'outer' }, Next: 'Par' },
          Par: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'B1', States: { B1: { Type: 'Pass', Assign: { mark: 'inner' }, Next: 'B2' }, B2: { Type: 'Pass', Output: '{% $mark & $string($base) %}', End: true } } },
            ],
            Next: 'Map',
          },
          Map: {
            Type: 'Map',
            Items: [1, 2],
            ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Output: '{% $states.input + $base %}', End: true } } },
            Output: { par: '{% $states.input %}', map: '{% $states.result %}', mark: '{% $mark %}' },
            End: true,
          },
        },
      },
    );
    expect(r.output).toEqual({ par: ['inner10'], map: [11, 12], mark: 'outer' });
  });

  it('choice rule Assign applies when its rule matches', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.v', NumericEquals: 42, Assign: { status: 'CORRECT' }, Next: 'F' }],
          Assign: { status: 'INCORRECT' },
          Default: 'F',
        },
        F: { Type: 'Pass', Parameters: { 'result.$': '$status' }, End: true },
      },
    };
    expect((await run(def, { v: 42 })).output).toEqual({ result: 'CORRECT' });
    // A string never equals a number: the Default is taken with the state-level Assign.
    expect((await run(def, { v: '42' })).output).toEqual({ result: 'INCORRECT' });
  });
});

describe('variable names in any script', () => {
  it('a JSONPath reference reads a variable whose name has non-ASCII letters', async () => {
    const r = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { 'é': 5, 'größe': 'L' }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'x.$': '$é', 'size.$': '$größe' }, End: true },
      },
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { x: 5, size: 'L' } });
  });
});
