import type { Catcher, Template } from '../../definition/types.js';
import { DataFlowError, StatesErrors } from '../../errors.js';
import { compilePath } from '../../query/jsonpath/path.js';
import { compileResultTarget, type ResultTarget } from '../../query/jsonpath/result-path.js';
import { compileSizedTemplate, compileTemplate, type SizedEvaluator, type SizeSlot } from '../../query/jsonpath/template.js';
import type { Frame } from '../frame.js';
import { applyAssign } from './assign.js';
import { boundSize, EMPTY_OBJECT_SIZE, selectsWithinInput, UNKNOWN } from './bound.js';
import type { StateFlow } from './flow.js';
import { note } from './inspect.js';

export interface JsonPathFields {
  readonly InputPath?: string | null;
  readonly Parameters?: Template;
  readonly ResultSelector?: Template;
  readonly ResultPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Assign?: Template;
  /** Pass's constant result: when `finish` gets it, its size is known from compile time. */
  readonly Result?: unknown;
}

/** How a path field's output relates to its input's size: within it, `{}`, or not known. */
type SelectBound = 'within' | 'empty' | 'unknown';

function selectBoundOf(path: string | null | undefined): SelectBound {
  if (path === undefined) return 'within';
  if (path === null) return 'empty';
  return selectsWithinInput(path) ? 'within' : 'unknown';
}

function applySelectBound(rule: SelectBound, inputBound: number): number {
  return rule === 'within' ? inputBound : rule === 'empty' ? EMPTY_OBJECT_SIZE : UNKNOWN;
}

/** A path field (InputPath, OutputPath): `null` yields `{}`; a miss is States.Runtime. */
function compileSelect(path: string | null | undefined): ((v: unknown, frame: Frame) => unknown) | undefined {
  if (path === undefined || path === '$') return undefined;
  if (path === null) return () => ({});
  const compiled = compilePath(path);
  const get = compiled.get;
  return (value, frame) => {
    const scope = frame.transientScope(value);
    const out = get(scope);
    if (out === undefined) {
      throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${path}' : ${compiled.missReason(scope)}`);
    }
    return out;
  };
}

/**
 * The bound of ResultPath's output: the result alone, the input alone, or the input with the
 * result written in (never more than both plus the path's own keys; see ResultTarget.overhead).
 */
function resultBound(target: ResultTarget, inputBound: number, result: unknown, resultSize: number): number {
  switch (target.mode) {
    case 'replace':
      return resultSize;
    case 'discard':
      return inputBound;
    case 'merge':
      // Sizing the result alone is cheaper than the exit counting the whole merged output.
      return inputBound < 0 ? UNKNOWN : inputBound + (resultSize >= 0 ? resultSize : boundSize(result)) + target.overhead;
  }
}

/** Assign in JSONPath mode: a payload template whose result is the new variables. */
export function compileJsonPathAssign(assign: Template | undefined): ((input: unknown, frame: Frame) => void) | undefined {
  if (assign === undefined) return undefined;
  const t = compileTemplate(assign, 'Assign');
  return (input, frame) => applyAssign(frame, t(frame.transientScope(input)) as Record<string, unknown>);
}

/** Stands for "nothing built yet": equal to no value a state can see. */
const NOTHING: unknown = Symbol('nothing built');

/**
 * JSONPath data flow (AWS "Processing input and output"): InputPath → Parameters → work →
 * ResultSelector → Assign → ResultPath → OutputPath. `finish` and `caught` also set
 * `frame.outputBound` (see bound.ts) from `frame.inputBound`, the bound of `raw`.
 */
export function jsonPathFlow(fields: JsonPathFields, kind: 'result' | 'none', catchers: readonly Catcher[] = []): StateFlow {
  const select = compileSelect(fields.InputPath);
  const selectBound = selectBoundOf(fields.InputPath);
  const params: SizedEvaluator | undefined =
    fields.Parameters !== undefined ? compileSizedTemplate(fields.Parameters, 'Parameters', boundSize) : undefined;
  const selector: SizedEvaluator | undefined =
    fields.ResultSelector !== undefined ? compileSizedTemplate(fields.ResultSelector, 'ResultSelector', boundSize) : undefined;
  const target: ResultTarget | undefined = kind === 'none' ? undefined : compileResultTarget(fields.ResultPath);
  const outputPath = compileSelect(fields.OutputPath);
  const outputBound = selectBoundOf(fields.OutputPath);
  const assign = compileJsonPathAssign(fields.Assign);
  const catchFlows = new Map(catchers.map((c) => [c, compileCatcher(c)]));
  const constant = fields.Result;
  const constantSize = constant === undefined ? UNKNOWN : boundSize(constant);
  // Templates and paths evaluate synchronously and keep no reference to their scope, so they use
  // the thread's reusable one. Templates report their size here; read at once, so one slot
  // serves every thread.
  const slot: SizeSlot = { size: 0 };
  // The value Parameters built last and its size. A Pass hands it straight to finish; a value
  // equal to it has the same JSON size, so a newer build by another thread is harmless.
  let built: unknown = NOTHING;
  let builtSize = UNKNOWN;

  // What InputPath last picked, and from what. A Choice hands its rules' flows a value its own
  // InputPath picked, so `selected` is only known to lie within `raw` when it is `raw` itself or
  // this flow picked it from this very `raw`.
  let lastRaw: unknown = NOTHING;
  let lastSelected: unknown = NOTHING;
  const selectedBound = (raw: unknown, selected: unknown, frame: Frame): number => {
    if (selected === raw) return frame.inputBound;
    if (selected === lastSelected && raw === lastRaw) return applySelectBound(selectBound, frame.inputBound);
    return UNKNOWN;
  };

  /** The result's size when known without counting: built here, the constant, or the selected input. */
  const knownSize = (result: unknown, selected: unknown, raw: unknown, frame: Frame): number => {
    if (result === built) return builtSize;
    if (result === constant) return constantSize;
    if (result === selected) return selectedBound(raw, selected, frame);
    return UNKNOWN;
  };

  /**
   * Pass's data flow fused (StateFlow.passOutput): the same steps and bounds as select →
   * parameters → finish, without the inspector's notes and the bookkeeping that links them.
   */
  const passOutput = (raw: unknown, frame: Frame): unknown => {
    const selected = select ? select(raw, frame) : raw;
    let effective: unknown;
    let size: number;
    if (constant !== undefined) {
      effective = constant;
      size = constantSize;
    } else if (params) {
      effective = params(frame.transientScope(selected), slot);
      size = slot.size;
    } else {
      effective = selected;
      size = select ? applySelectBound(selectBound, frame.inputBound) : frame.inputBound;
    }
    if (selector) {
      effective = selector(frame.transientScope(effective), slot);
      size = slot.size;
    }
    assign?.(effective, frame);
    let value = target!.write(raw, effective);
    let bound = resultBound(target!, frame.inputBound, effective, size);
    if (outputPath) {
      value = outputPath(value, frame);
      bound = applySelectBound(outputBound, bound);
    }
    frame.outputBound = bound;
    return value;
  };

  return {
    passOutput: target ? passOutput : undefined,
    // `note` reports each intermediate value to a TestState inspector; a no-op unless one is attached.
    select: select
      ? (raw, frame) => {
          const value = select(raw, frame);
          lastRaw = raw;
          lastSelected = value;
          return note(frame, 'afterInputPath', value);
        }
      : (raw, frame) => note(frame, 'afterInputPath', raw),
    parameters: params
      ? (selected, _raw, frame) => {
          const value = params(frame.transientScope(selected), slot);
          built = value;
          builtSize = slot.size;
          return note(frame, 'afterParameters', value);
        }
      : (selected, _raw, frame) => note(frame, 'afterParameters', selected),
    finish(raw, selected, result, frame) {
      let value: unknown;
      let bound: number;
      if (target) {
        note(frame, 'result', result);
        let effective: unknown;
        let size: number;
        if (selector) {
          effective = selector(frame.transientScope(result), slot);
          size = slot.size;
        } else {
          effective = result;
          size = knownSize(result, selected, raw, frame);
        }
        note(frame, 'afterResultSelector', effective);
        assign?.(effective, frame);
        value = note(frame, 'afterResultPath', target.write(raw, effective));
        bound = resultBound(target, frame.inputBound, effective, size);
      } else {
        assign?.(selected, frame);
        value = selected;
        bound = selectedBound(raw, selected, frame);
      }
      if (outputPath) {
        value = outputPath(value, frame);
        bound = applySelectBound(outputBound, bound);
      }
      frame.outputBound = bound;
      return value;
    },
    caught(catcher: Catcher, raw, errorOutput, frame) {
      note(frame, 'errorOutput', errorOutput);
      return (catchFlows.get(catcher) ?? compileCatcher(catcher))(raw, errorOutput, frame);
    },
  };
}

/** A catcher's ResultPath and Assign (`$` in its Assign is the error output). */
function compileCatcher(catcher: Catcher): (raw: unknown, errorOutput: unknown, frame: Frame) => unknown {
  const target = compileResultTarget(catcher.ResultPath);
  const assign = compileJsonPathAssign(catcher.Assign);
  return (raw, errorOutput, frame) => {
    assign?.(errorOutput, frame);
    const out = target.write(raw, errorOutput);
    frame.outputBound = resultBound(target, frame.inputBound, errorOutput, boundSize(errorOutput));
    return out;
  };
}
