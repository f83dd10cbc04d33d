import type { WaitState } from '../../definition/types.js';
import { DataFlowError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate, isJsonataExpression, unexpectedTypeError } from '../../query/jsonata/index.js';
import { compilePath } from '../../query/jsonpath/path.js';
import type { StateFlow } from '../dataflow/flow.js';
import { bindings } from '../dataflow/jsonata.js';
import type { Frame } from '../frame.js';
import { andThen, type MaybePromise } from '../maybe.js';
import { parseTimestamp } from '../timestamp.js';
import { enter, exit, guarded, nextOf, type CompiledState } from './common.js';

/** Wait: pauses its thread for Seconds or until a Timestamp, on the execution's clock. */
export function compileWait(name: string, def: WaitState, flow: StateFlow, jsonata: boolean): CompiledState {
  const next = nextOf(def);
  const until = compileUntil(def, jsonata);
  return {
    name,
    type: 'Wait',
    run(raw, frame) {
      enter(frame, 'Wait', name, raw, false);
      return guarded(frame, 'Wait', name, raw, () => {
        const selected = flow.select(raw, frame);
        return andThen(until(selected, raw, frame), async (at) => {
          await frame.sleepUntil(at);
          return andThen(flow.finish(raw, selected, undefined, frame), (out) => exit(frame, 'Wait', name, out, next));
        });
      }, undefined, undefined);
    },
  };
}

/** Java's Long.MAX_VALUE as a double (the nearest one). */
const MAX_LONG = 9_223_372_036_854_775_807;
/** The latest time a JavaScript Date (and an ISO timestamp in history) can hold. */
const MAX_TIME_MS = 8.64e15;

/** Returns the epoch milliseconds to wait until. */
function compileUntil(def: WaitState, jsonata: boolean): (selected: unknown, raw: unknown, frame: Frame) => MaybePromise<number> {
  if (def.Seconds !== undefined) {
    if (jsonata && isJsonataExpression(def.Seconds)) {
      const expr = def.Seconds;
      const t = compileJsonataTemplate(expr, 'Seconds');
      return (_s, raw, frame) =>
        andThen(t(bindings(frame, raw)), (v) => {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 99_999_999) {
            throw unexpectedTypeError(expr.slice(2, -2).trim(), 'Seconds', 'integer', v);
          }
          return frame.now() + v * 1000;
        });
    }
    const seconds = Number(def.Seconds);
    return (_s, _raw, frame) => frame.now() + seconds * 1000;
  }
  if (def.Timestamp !== undefined) {
    if (jsonata && isJsonataExpression(def.Timestamp)) {
      const expr = def.Timestamp;
      const t = compileJsonataTemplate(expr, 'Timestamp');
      return (_s, raw, frame) =>
        andThen(t(bindings(frame, raw)), (v) => {
          const ms = typeof v === 'string' ? parseTimestamp(v) : undefined;
          if (ms === undefined) {
            throw new DataFlowError(
              StatesErrors.QueryEvaluationError,
              `The JSONata expression '${expr.slice(2, -2).trim()}' specified for the field 'Timestamp' returned an unexpected result type. Expected 'timestamp', but was '${typeof v}' for value: ${JSON.stringify(v)}`,
            );
          }
          return ms;
        });
    }
    const ms = parseTimestamp(def.Timestamp);
    return () => ms ?? 0;
  }
  if (def.SecondsPath !== undefined) {
    const path = compilePath(def.SecondsPath);
    const text = def.SecondsPath;
    return (selected, _raw, frame) => {
      const scope = frame.scope(selected);
      const v = path.get(scope);
      if (v === undefined) throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${text}' : ${path.missReason(scope)}`);
      // AWS reads the value as a Java long; beyond its range it "cannot be parsed as a long value".
      if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > MAX_LONG) {
        throw new DataFlowError(StatesErrors.Runtime, `The SecondsPath parameter cannot be parsed as a long value: ${text} == ${JSON.stringify(v)}`);
      }
      if (v < 0) {
        throw new DataFlowError(StatesErrors.Runtime, `The SecondsPath parameter references a negative value: ${text} == ${v}`);
      }
      const until = frame.now() + v * 1000;
      if (until > MAX_TIME_MS) {
        throw new DataFlowError(
          StatesErrors.Runtime,
          `The SecondsPath parameter references a value that is out of range: ${text} == ${v} (the wait would end after the latest representable time, +275760-09-13T00:00:00Z)`,
        );
      }
      return until;
    };
  }
  const text = def.TimestampPath!;
  const path = compilePath(text);
  return (selected, _raw, frame) => {
    const scope = frame.scope(selected);
    const v = path.get(scope);
    if (v === undefined) throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${text}' : ${path.missReason(scope)}`);
    const ms = typeof v === 'string' ? parseTimestamp(v) : undefined;
    if (ms === undefined) {
      throw new DataFlowError(
        StatesErrors.Runtime,
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text} == ${typeof v === 'string' ? v : JSON.stringify(v)}`,
      );
    }
    return ms;
  };
}
