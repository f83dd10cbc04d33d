import type { FailState } from '../../definition/types.js';
import { StatesError } from '../../errors.js';
import { isJsonataExpression } from '../../query/jsonata/index.js';
import { compileDynamicValue } from '../../query/jsonpath/template.js';
import { bindings } from '../dataflow/jsonata.js';
import { compileJsonataTemplate } from '../../query/jsonata/index.js';
import type { Frame } from '../frame.js';
import { andThen, type MaybePromise } from '../maybe.js';
import { enter, guarded, type CompiledState } from './common.js';
import { DataFlowError, StatesErrors } from '../../errors.js';

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

function asText(v: unknown, field: string): string {
  if (typeof v === 'string') return v;
  throw new DataFlowError(
    jsonataField.has(field) ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime,
    `The value of the field '${field}' must be a string, but was: ${JSON.stringify(v)}`,
  );
}
const jsonataField = new Set<string>();

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
            throw new FailError(err === undefined ? '' : asText(err, 'Error'), c === undefined ? '' : asText(c, 'Cause'));
          }),
        ), undefined, undefined);
    },
  };
}

/** The error a Fail state raises; empty error/cause mean the field was absent. */
export class FailError extends StatesError {}
