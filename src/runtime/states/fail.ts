import type { FailState } from '../../definition/types.js';
import { StatesError } from '../../errors.js';
import { compileField } from '../dataflow/field.js';
import { failText } from '../dataflow/field-types.js';
import { andThen, isPromise } from '../maybe.js';
import { isJsonataExpression } from '../../query/jsonata/index.js';
import { enter, guarded, stateFailed, type CompiledState } from './common.js';

/** Fail: stops its thread with an error name and cause (Error/ErrorPath, Cause/CausePath). */
export function compileFail(name: string, def: FailState, jsonata: boolean): CompiledState {
  const text = failText(jsonata);
  const error = compileField({ field: 'Error', literal: def.Error, path: def.ErrorPath, jsonata }, text);
  const cause = compileField({ field: 'Cause', literal: def.Cause, path: def.CausePath, jsonata }, text);
  // Literal Error and Cause: the failure is the same on every run, and a StatesError holds only
  // immutable data, so one is made for all of them.
  const fixed =
    isLiteral(def.Error, def.ErrorPath, jsonata) && isLiteral(def.Cause, def.CausePath, jsonata) ? new StatesError(def.Error ?? '', def.Cause ?? '') : undefined;
  return {
    name,
    type: 'Fail',
    run(raw, frame) {
      enter(frame, 'Fail', name, raw, false);
      if (fixed !== undefined) return stateFailed(fixed, frame, 'Fail', name, raw, undefined, undefined);
      // Error and Cause paths read the raw input: Fail has no InputPath. Literals and paths are
      // read synchronously, with no closure; only a JSONata expression may give a promise.
      let err: string | Promise<string>;
      let c: string | Promise<string>;
      try {
        err = error ? error(raw, raw, frame) : '';
        c = isPromise(err) ? '' : cause ? cause(raw, raw, frame) : '';
      } catch (e) {
        return stateFailed(e, frame, 'Fail', name, raw, undefined, undefined);
      }
      if (!isPromise(err) && !isPromise(c)) return stateFailed(new StatesError(err, c), frame, 'Fail', name, raw, undefined, undefined);
      // A JSONata Error is evaluated before Cause, as in the synchronous case.
      const failure = isPromise(err)
        ? err.then((e) => andThen(cause ? cause(raw, raw, frame) : '', (why) => Promise.reject(new StatesError(e, why))))
        : (c as Promise<string>).then((why) => Promise.reject(new StatesError(err as string, why)));
      return guarded(frame, 'Fail', name, raw, () => failure, undefined, undefined);
    },
  };
}

/** A field given as a plain string (or not at all), with no path and no JSONata expression. */
function isLiteral(literal: unknown, path: string | undefined, jsonata: boolean): literal is string | undefined {
  if (path !== undefined) return false;
  if (literal === undefined) return true;
  return typeof literal === 'string' && !(jsonata && isJsonataExpression(literal));
}
