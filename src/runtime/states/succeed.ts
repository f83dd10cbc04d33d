import type { SucceedState } from '../../definition/types.js';
import type { StateFlow } from '../dataflow/flow.js';
import type { Frame } from '../frame.js';
import { isPromise, type MaybePromise } from '../maybe.js';
import { enter, exit, stateFailed, type CompiledState, type Outcome } from './common.js';

/** Succeed: ends its thread successfully with its (filtered) input as output. */
export function compileSucceed(name: string, _def: SucceedState, flow: StateFlow): CompiledState {
  return new SucceedStep(name, flow);
}

/** Allocates nothing of its own when its data flow is synchronous (see common.ts). */
class SucceedStep implements CompiledState {
  readonly type = 'Succeed';

  constructor(
    readonly name: string,
    private readonly flow: StateFlow,
  ) {}

  run(raw: unknown, frame: Frame): MaybePromise<Outcome> {
    enter(frame, 'Succeed', this.name, raw, false);
    let r: MaybePromise<Outcome>;
    try {
      const selected = this.flow.select(raw, frame);
      const out = this.flow.finish(raw, selected, undefined, frame);
      r = isPromise(out) ? out.then((o) => exit(frame, 'Succeed', this.name, o, undefined)) : exit(frame, 'Succeed', this.name, out, undefined);
    } catch (e) {
      return stateFailed(e, frame, 'Succeed', this.name, raw, undefined, undefined);
    }
    return isPromise(r) ? r.catch((e: unknown) => stateFailed(e, frame, 'Succeed', this.name, raw, undefined, undefined)) : r;
  }
}
