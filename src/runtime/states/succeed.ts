import type { SucceedState } from '../../definition/types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { andThen } from '../maybe.js';
import { enter, exit, guarded, type CompiledState } from './common.js';

/** Succeed: ends its thread successfully with its (filtered) input as output. */
export function compileSucceed(name: string, _def: SucceedState, flow: StateFlow): CompiledState {
  return {
    name,
    type: 'Succeed',
    run(raw, frame) {
      enter(frame, 'Succeed', name, raw, false);
      return guarded(frame, 'Succeed', name, raw, () => {
        const selected = flow.select(raw, frame);
        return andThen(flow.finish(raw, selected, undefined, frame), (out) => exit(frame, 'Succeed', name, out, undefined));
      }, undefined, undefined);
    },
  };
}
