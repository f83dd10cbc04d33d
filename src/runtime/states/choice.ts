import type { ChoiceRule, ChoiceState } from '../../definition/types.js';
import { StatesError, StatesErrors, DataFlowError } from '../../errors.js';
import { compileJsonataTemplate, isJsonataExpression } from '../../query/jsonata/index.js';
import type { StateFlow } from '../dataflow/flow.js';
import { bindings, jsonataFlow } from '../dataflow/jsonata.js';
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
    const cond = rule.Condition;
    let test: Branch['test'];
    if (typeof cond === 'boolean') test = () => cond;
    else {
      const t = compileJsonataTemplate(cond, 'Condition');
      const text = typeof cond === 'string' && isJsonataExpression(cond) ? cond.slice(2, -2).trim() : String(cond);
      test = (_s, raw, frame) =>
        andThen(t(bindings(frame, raw)), (v) => {
          if (typeof v !== 'boolean') {
            throw new DataFlowError(
              StatesErrors.QueryEvaluationError,
              `The JSONata expression '${text}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeOf(v)}' for value: ${JSON.stringify(v)}`,
            );
          }
          return v;
        });
    }
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

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
