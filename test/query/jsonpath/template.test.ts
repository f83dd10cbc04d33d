import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../../src/query/jsonpath/template.js';
import { DataFlowError } from '../../../src/errors.js';
import type { EvalScope } from '../../../src/query/scope.js';

const scope = (input: unknown): EvalScope => ({ input, context: { Execution: { Id: 'arn:x' } }, variables: { v: 7 }, random: () => 0, uuid: () => 'u' });

describe('payload templates', () => {
  it('fills "key.$" fields from paths, context paths, variables and intrinsics, nested in objects and arrays', () => {
    const t = compileTemplate(
      {
        literal: 'x',
        'fromInput.$': '$.a',
        'fromContext.$': '$$.Execution.Id',
        'fromVar.$': '$v',
        'fromIntrinsic.$': "States.Format('n={}', $.a)",
        nested: [{ 'deep.$': '$.a' }, 3],
      },
      'Parameters',
    );
    expect(t(scope({ a: 1 }))).toEqual({
      literal: 'x',
      fromInput: 1,
      fromContext: 'arn:x',
      fromVar: 7,
      fromIntrinsic: 'n=1',
      nested: [{ deep: 1 }, 3],
    });
  });

  it('keeps strings that look like paths as literals when the key has no .$', () => {
    expect(compileTemplate({ a: '$.x' }, 'Parameters')(scope({ x: 1 }))).toEqual({ a: '$.x' });
  });

  it('fails with States.Runtime naming the field when a path matches nothing', () => {
    const t = compileTemplate({ 'value.$': '$.missing' }, 'Parameters');
    try {
      t(scope({ a: 1 }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataFlowError);
      expect((e as DataFlowError).error).toBe('States.Runtime');
      expect((e as DataFlowError).cause).toBe(`The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{"a":1}'`);
    }
  });

  it('builds fresh objects each time (no shared mutable output)', () => {
    const t = compileTemplate({ 'a.$': '$.a' }, 'Parameters');
    expect(t(scope({ a: 1 }))).not.toBe(t(scope({ a: 1 })));
  });
});
