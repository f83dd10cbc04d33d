import type { WaitState } from '../../definition/types.js';
import { compileField } from '../dataflow/field.js';
import { waitSeconds, waitTimestamp } from '../dataflow/field-types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { andThen } from '../maybe.js';
import { enter, exit, guarded, nextOf, type CompiledState, type Transitions } from './common.js';

/** Wait: pauses its thread for Seconds or until a Timestamp, on the execution's clock. */
export function compileWait(name: string, def: WaitState, flow: StateFlow, jsonata: boolean, transitions: Transitions): CompiledState {
  const next = transitions.to(nextOf(def));
  // Both read as the epoch milliseconds the wait ends at; the validator ensures exactly one is set.
  const until =
    compileField({ field: 'Seconds', literal: def.Seconds, path: def.SecondsPath, jsonata }, waitSeconds) ??
    compileField({ field: 'Timestamp', literal: def.Timestamp, path: def.TimestampPath, jsonata }, waitTimestamp) ??
    (() => 0);
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
