import type { ChoiceRule, ChoiceState } from '../../definition/types.js';
import { StatesError, StatesErrors } from '../../errors.js';
import { compileField } from '../dataflow/field.js';
import { condition } from '../dataflow/field-types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { jsonataFlow } from '../dataflow/jsonata.js';
import { jsonPathFlow } from '../dataflow/jsonpath.js';
import type { Frame } from '../frame.js';
import { andThen, type MaybePromise } from '../maybe.js';
import { compileRule } from './choice-rules.js';
import { enter, exit, guarded, type CompiledState } from './common.js';

interface Branch {
  readonly test: (selected: unknown, raw: unknown, frame: Frame) => MaybePromise<boolean>;
  readonly next: string;
  /** The rule's own Assign/Output, applied instead of the state's when this rule matches. */
  readonly flow: StateFlow | undefined;
}

/**
 * Choice: the first rule that matches picks the next state; else Default; else the state fails
 * with States.NoChoiceMatched.
 */
export function compileChoice(name: string, def: ChoiceState, flow: StateFlow, jsonata: boolean): CompiledState {
  const branches: Branch[] = def.Choices.map((rule) => compileBranch(rule, def, jsonata));
  const fallback = def.Default;
  return {
    name,
    type: 'Choice',
    run(raw, frame) {
      enter(frame, 'Choice', name, raw, false);
      return guarded(frame, 'Choice', name, raw, () => {
        const selected = flow.select(raw, frame);
        const pick = (i: number): MaybePromise<Branch | undefined> => {
          if (i >= branches.length) return undefined;
          const b = branches[i]!;
          return andThen(b.test(selected, raw, frame), (hit) => (hit ? b : pick(i + 1)));
        };
        return andThen(pick(0), (b) => {
          if (!b && fallback === undefined) {
            throw new StatesError(StatesErrors.NoChoiceMatched, `No Choice Rule matched and no Default is specified in the Choice state '${name}'.`);
          }
          const f = b?.flow ?? flow;
          return andThen(f.finish(raw, selected, undefined, frame), (out) => exit(frame, 'Choice', name, out, b ? b.next : fallback));
        });
      }, undefined, undefined);
    },
  };
}

function compileBranch(rule: ChoiceRule, def: ChoiceState, jsonata: boolean): Branch {
  const hasOwnFlow = rule.Assign !== undefined || rule.Output !== undefined;
  if (jsonata) {
    const site = { field: 'Condition', literal: rule.Condition, jsonata };
    // The validator requires a Condition; an unvalidated rule without one fails as a non-boolean result.
    const test: Branch['test'] = compileField(site, condition) ?? ((_s, _r, frame) => condition.expression(undefined, '', site, frame));
    return {
      test,
      next: rule.Next!,
      flow: hasOwnFlow ? jsonataFlow({ Assign: rule.Assign, Output: rule.Output ?? def.Output }, 'none') : undefined,
    };
  }
  const predicate = compileRule(rule);
  return {
    test: (selected, _raw, frame) => predicate(frame.scope(selected)),
    next: rule.Next!,
    flow: hasOwnFlow ? jsonPathFlow({ Assign: rule.Assign, OutputPath: def.OutputPath }, 'none') : undefined,
  };
}
