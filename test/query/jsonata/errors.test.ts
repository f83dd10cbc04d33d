import { describe, expect, it } from 'vitest';
import { DataFlowError } from '../../../src/errors.js';
import { jsonTypeName, unexpectedTypeError } from '../../../src/query/jsonata/index.js';

describe('unexpectedTypeError', () => {
  // Causes recorded from AWS for a Map state's Items (after the engine's state prefix).
  it('words the cause as AWS does', () => {
    const err = unexpectedTypeError('$ItemsVar', 'Items', 'array', 1);
    expect(err).toBeInstanceOf(DataFlowError);
    expect(err.error).toBe('States.QueryEvaluationError');
    expect(err.cause).toBe(
      "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1",
    );
    expect(unexpectedTypeError('$ItemsVar', 'Items', 'array', 'string').cause).toBe(
      "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"string\"",
    );
  });

  it('accepts the expression with its markers', () => {
    expect(unexpectedTypeError('{% $x %}', 'Seconds', 'number', { a: 1 }).cause).toBe(
      "The JSONata expression '$x' specified for the field 'Seconds' returned an unexpected result type. Expected 'number', but was 'object' for value: {\"a\":1}",
    );
  });
});

describe('jsonTypeName', () => {
  it('names JSON types', () => {
    expect([null, [], {}, 1, 'a', true].map(jsonTypeName)).toEqual(['null', 'array', 'object', 'number', 'string', 'boolean']);
  });
});
