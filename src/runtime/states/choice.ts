import type { ChoiceRule, ChoiceState } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { compileField } from '../dataflow/field.js';
import { condition } from '../dataflow/field-types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { jsonataFlow } from '../dataflow/jsonata.js';
import { jsonPathFlow } from '../dataflow/jsonpath.js';
import type { Frame } from '../frame.js';
import { isPromise, type MaybePromise } from '../maybe.js';
import { compileRule } from './choice-rules.js';
import { enter, exit, stateFailed, type CompiledState, type Outcome, type Transition, type Transitions } from './common.js';

interface Branch {
  readonly test: (selected: unknown, raw: unknown, frame: Frame) => MaybePromise<boolean>;
  readonly next: Transition;
  /** The rule's own Assign/Output, applied instead of the state's when this rule matches. */
  readonly flow: StateFlow | undefined;
}

/**
 * Choice: the first rule that matches picks the next state; else Default; else the state fails
 * with States.NoChoiceMatched.
 */
export function compileChoice(name: string, def: ChoiceState, flow: StateFlow, jsonata: boolean, transitions: Transitions): CompiledState {
  const branches: Branch[] = def.Choices.map((rule) => compileBranch(rule, def, jsonata, transitions));
  return new ChoiceStep(name, flow, branches, def.Default === undefined ? undefined : transitions.to(def.Default));
}

/** Allocates nothing of its own when its rules and data flow are synchronous (see common.ts). */
class ChoiceStep implements CompiledState {
  readonly type = 'Choice';

  constructor(
    readonly name: string,
    private readonly flow: StateFlow,
    private readonly branches: readonly Branch[],
    private readonly fallback: Transition | undefined,
  ) {}

  run(raw: unknown, frame: Frame): MaybePromise<Outcome> {
    enter(frame, 'Choice', this.name, raw, false);
    let r: MaybePromise<Outcome>;
    try {
      const selected = this.flow.select(raw, frame);
      const b = pick(this.branches, 0, selected, raw, frame);
      r = isPromise(b) ? b.then((hit) => this.take(hit, raw, selected, frame)) : this.take(b, raw, selected, frame);
    } catch (e) {
      return stateFailed(e, frame, 'Choice', this.name, raw, undefined, undefined);
    }
    return isPromise(r) ? r.catch((e: unknown) => stateFailed(e, frame, 'Choice', this.name, raw, undefined, undefined)) : r;
  }

  /** Leaves through the matched rule (its own Assign/Output if it has them), or Default. */
  private take(b: Branch | undefined, raw: unknown, selected: unknown, frame: Frame): MaybePromise<Outcome> {
    const fallback = this.fallback;
    if (!b && fallback === undefined) {
      throw new StatesError(StatesErrors.NoChoiceMatched, `No Choice Rule matched and no Default is specified in the Choice state '${this.name}'.`);
    }
    const next = b ? b.next : fallback;
    const out = (b?.flow ?? this.flow).finish(raw, selected, undefined, frame);
    return isPromise(out) ? out.then((o) => exit(frame, 'Choice', this.name, o, next)) : exit(frame, 'Choice', this.name, out, next);
  }
}

/** The first branch from `i` whose rule matches; a promise from the first rule that is one. */
function pick(branches: readonly Branch[], i: number, selected: unknown, raw: unknown, frame: Frame): MaybePromise<Branch | undefined> {
  for (; i < branches.length; i++) {
    const b = branches[i]!;
    const hit = b.test(selected, raw, frame);
    if (isPromise(hit)) {
      const rest = i + 1;
      return hit.then((h) => (h ? b : pick(branches, rest, selected, raw, frame)));
    }
    if (hit) return b;
  }
  return undefined;
}

function compileBranch(rule: ChoiceRule, def: ChoiceState, jsonata: boolean, transitions: Transitions): Branch {
  const hasOwnFlow = rule.Assign !== undefined || rule.Output !== undefined;
  if (jsonata) {
    const site = { field: 'Condition', literal: rule.Condition, jsonata };
    // The validator requires a Condition; an unvalidated rule without one fails as a non-boolean result.
    const test: Branch['test'] = compileField(site, condition) ?? ((_s, _r, frame) => condition.expression(undefined, '', site, frame));
    return {
      test,
      next: transitions.to(rule.Next!)!,
      flow: hasOwnFlow ? jsonataFlow({ Assign: rule.Assign, Output: rule.Output ?? def.Output }, 'none') : undefined,
    };
  }
  const predicate = compileRule(rule);
  return {
    // The rule is synchronous and keeps no reference to its scope: the thread's own is reused.
    test: (selected, _raw, frame) => predicate(frame.transientScope(selected)),
    next: transitions.to(rule.Next!)!,
    flow: hasOwnFlow ? jsonPathFlow({ Assign: rule.Assign, OutputPath: def.OutputPath }, 'none') : undefined,
  };
}
