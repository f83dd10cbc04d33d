import type { PassState } from '../../definition/types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { andThen } from '../maybe.js';
import { enter, exit, guarded, nextOf, type CompiledState } from './common.js';

/** Pass: passes its input (or `Result`, or the Parameters/Arguments value) to its output. */
export function compilePass(name: string, def: PassState, flow: StateFlow): CompiledState {
  const next = nextOf(def);
  const hasResult = def.Result !== undefined;
  const result = def.Result;
  return {
    name,
    type: 'Pass',
    run(raw, frame) {
      enter(frame, 'Pass', name, raw, false);
      return guarded(frame, 'Pass', name, raw, () => {
        const selected = flow.select(raw, frame);
        if (hasResult) return andThen(flow.finish(raw, selected, result, frame), (out) => exit(frame, 'Pass', name, out, next));
        return andThen(flow.parameters(selected, raw, frame), (effective) =>
          andThen(flow.finish(raw, selected, effective, frame), (out) => exit(frame, 'Pass', name, out, next)),
        );
      }, undefined, undefined);
    },
  };
}
