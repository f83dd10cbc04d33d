import type { FailState } from '../../definition/types.js';
import { StatesError } from '../../errors.js';
import { compileField } from '../dataflow/field.js';
import { failText } from '../dataflow/field-types.js';
import { andThen } from '../maybe.js';
import { enter, guarded, type CompiledState } from './common.js';

/** Fail: stops its thread with an error name and cause (Error/ErrorPath, Cause/CausePath). */
export function compileFail(name: string, def: FailState, jsonata: boolean): CompiledState {
  const text = failText(jsonata);
  const error = compileField({ field: 'Error', literal: def.Error, path: def.ErrorPath, jsonata }, text);
  const cause = compileField({ field: 'Cause', literal: def.Cause, path: def.CausePath, jsonata }, text);
  return {
    name,
    type: 'Fail',
    run(raw, frame) {
      enter(frame, 'Fail', name, raw, false);
      // Error and Cause paths read the raw input: Fail has no InputPath.
      return guarded(frame, 'Fail', name, raw, () =>
        andThen(error ? error(raw, raw, frame) : '', (err) =>
          andThen(cause ? cause(raw, raw, frame) : '', (c) => {
            throw new StatesError(err, c);
          }),
        ), undefined, undefined);
    },
  };
}
