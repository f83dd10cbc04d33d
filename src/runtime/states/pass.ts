import type { PassState } from '../../definition/types.js';
import type { StateFlow } from '../dataflow/flow.js';
import type { Frame } from '../frame.js';
import { isPromise, type MaybePromise } from '../maybe.js';
import { enter, exit, nextOf, stateFailed, type CompiledState, type Outcome, type Transition, type Transitions } from './common.js';

/** Pass: passes its input (or `Result`, or the Parameters/Arguments value) to its output. */
export function compilePass(name: string, def: PassState, flow: StateFlow, transitions: Transitions): CompiledState {
  return new PassStep(name, flow, def.Result !== undefined, def.Result, transitions.to(nextOf(def)));
}

/** Allocates nothing of its own when its data flow is synchronous (see common.ts). */
class PassStep implements CompiledState {
  readonly type = 'Pass';

  constructor(
    readonly name: string,
    private readonly flow: StateFlow,
    private readonly hasResult: boolean,
    private readonly result: unknown,
    private readonly next: Transition | undefined,
  ) {}

  run(raw: unknown, frame: Frame): MaybePromise<Outcome> {
    enter(frame, 'Pass', this.name, raw, false);
    const fused = this.flow.passOutput;
    if (fused !== undefined && frame.env.inspect === undefined) {
      // The common case: one synchronous call from input to output (no inspector to report to).
      try {
        return exit(frame, 'Pass', this.name, fused(raw, frame), this.next);
      } catch (e) {
        return stateFailed(e, frame, 'Pass', this.name, raw, undefined, undefined);
      }
    }
    let r: MaybePromise<Outcome>;
    try {
      const selected = this.flow.select(raw, frame);
      if (this.hasResult) r = this.finish(raw, selected, this.result, frame);
      else {
        const effective = this.flow.parameters(selected, raw, frame);
        r = isPromise(effective) ? effective.then((e) => this.finish(raw, selected, e, frame)) : this.finish(raw, selected, effective, frame);
      }
    } catch (e) {
      return stateFailed(e, frame, 'Pass', this.name, raw, undefined, undefined);
    }
    return isPromise(r) ? r.catch((e: unknown) => stateFailed(e, frame, 'Pass', this.name, raw, undefined, undefined)) : r;
  }

  private finish(raw: unknown, selected: unknown, effective: unknown, frame: Frame): MaybePromise<Outcome> {
    const out = this.flow.finish(raw, selected, effective, frame);
    return isPromise(out) ? out.then((o) => exit(frame, 'Pass', this.name, o, this.next)) : exit(frame, 'Pass', this.name, out, this.next);
  }
}
