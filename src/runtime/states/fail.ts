import type { FailState } from '../../definition/types.js';
import { DataFlowError, StatesError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate, isJsonataExpression } from '../../query/jsonata/index.js';
import { compileDynamicValue } from '../../query/jsonpath/template.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { andThen, type MaybePromise } from '../maybe.js';
import { enter, guarded, type CompiledState } from './common.js';

type Field = ((raw: unknown, frame: Frame) => MaybePromise<unknown>) | undefined;

function compileField(def: FailState, field: 'Error' | 'Cause', jsonata: boolean): Field {
  const literal = def[field];
  const path = def[`${field}Path`];
  if (jsonata && isJsonataExpression(literal)) {
    const t = compileJsonataTemplate(literal, field);
    return (raw, frame) => t(bindings(frame, raw));
  }
  if (literal !== undefined) return () => literal;
  if (path !== undefined) {
    const f = compileDynamicValue(path, `${field}Path`);
    return (raw, frame) => f(frame.scope(raw));
  }
  return undefined;
}

/** Error and Cause must be strings; an expression of another type is a JSONata evaluation error. */
function asText(v: unknown, field: string, jsonata: boolean): string {
  if (typeof v === 'string') return v;
  throw new DataFlowError(
    jsonata ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime,
    `The value of the field '${field}' must be a string, but was: ${JSON.stringify(v)}`,
  );
}

/** Fail: stops its thread with an error name and cause (Error/ErrorPath, Cause/CausePath). */
export function compileFail(name: string, def: FailState, jsonata: boolean): CompiledState {
  const error = compileField(def, 'Error', jsonata);
  const cause = compileField(def, 'Cause', jsonata);
  return {
    name,
    type: 'Fail',
    run(raw, frame) {
      enter(frame, 'Fail', name, raw, false);
      return guarded(frame, 'Fail', name, raw, () =>
        andThen(error ? error(raw, frame) : undefined, (err) =>
          andThen(cause ? cause(raw, frame) : undefined, (c) => {
            throw new StatesError(err === undefined ? '' : asText(err, 'Error', jsonata), c === undefined ? '' : asText(c, 'Cause', jsonata));
          }),
        ), undefined, undefined);
    },
  };
}


