import type { Catcher, Template } from '../../definition/types.js';
import { DataFlowError, StatesErrors } from '../../errors.js';
import { compilePath } from '../../query/jsonpath/path.js';
import { compileResultPath, type ResultWriter } from '../../query/jsonpath/result-path.js';
import { compileTemplate } from '../../query/jsonpath/template.js';
import type { Evaluator } from '../../query/scope.js';
import type { Frame } from '../frame.js';
import { applyAssign } from './assign.js';
import type { StateFlow } from './flow.js';
import { note } from './inspect.js';

export interface JsonPathFields {
  readonly InputPath?: string | null;
  readonly Parameters?: Template;
  readonly ResultSelector?: Template;
  readonly ResultPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Assign?: Template;
}

/** A path field (InputPath, OutputPath): `null` yields `{}`; a miss is States.Runtime. */
function compileSelect(path: string | null | undefined): ((v: unknown, frame: Frame) => unknown) | undefined {
  if (path === undefined || path === '$') return undefined;
  if (path === null) return () => ({});
  const compiled = compilePath(path);
  return (value, frame) => {
    const scope = frame.scope(value);
    const out = compiled.get(scope);
    if (out === undefined) {
      throw new DataFlowError(StatesErrors.Runtime, `Invalid path '${path}' : ${compiled.missReason(scope)}`);
    }
    return out;
  };
}

/** Assign in JSONPath mode: a payload template whose result is the new variables. */
export function compileJsonPathAssign(assign: Template | undefined): ((input: unknown, frame: Frame) => void) | undefined {
  if (assign === undefined) return undefined;
  const t = compileTemplate(assign, 'Assign');
  return (input, frame) => applyAssign(frame, t(frame.scope(input)) as Record<string, unknown>);
}

/**
 * JSONPath data flow (AWS "Processing input and output"): InputPath → Parameters → work →
 * ResultSelector → Assign → ResultPath → OutputPath.
 */
export function jsonPathFlow(fields: JsonPathFields, kind: 'result' | 'none', catchers: readonly Catcher[] = []): StateFlow {
  const select = compileSelect(fields.InputPath);
  const params: Evaluator | undefined = fields.Parameters !== undefined ? compileTemplate(fields.Parameters, 'Parameters') : undefined;
  const selector: Evaluator | undefined =
    fields.ResultSelector !== undefined ? compileTemplate(fields.ResultSelector, 'ResultSelector') : undefined;
  const writeResult: ResultWriter | undefined = kind === 'none' ? undefined : compileResultPath(fields.ResultPath);
  const outputPath = compileSelect(fields.OutputPath);
  const assign = compileJsonPathAssign(fields.Assign);
  const catchFlows = new Map(catchers.map((c) => [c, compileCatcher(c)]));
  return {
    // `note` reports each intermediate value to a TestState inspector; a no-op unless one is attached.
    select: select ? (raw, frame) => note(frame, 'afterInputPath', select(raw, frame)) : (raw, frame) => note(frame, 'afterInputPath', raw),
    parameters: params
      ? (selected, _raw, frame) => note(frame, 'afterParameters', params(frame.scope(selected)))
      : (selected, _raw, frame) => note(frame, 'afterParameters', selected),
    finish(raw, selected, result, frame) {
      let value: unknown;
      if (writeResult) {
        note(frame, 'result', result);
        const effective = note(frame, 'afterResultSelector', selector ? selector(frame.scope(result)) : result);
        assign?.(effective, frame);
        value = note(frame, 'afterResultPath', writeResult(raw, effective));
      } else {
        assign?.(selected, frame);
        value = selected;
      }
      return outputPath ? outputPath(value, frame) : value;
    },
    caught(catcher: Catcher, raw, errorOutput, frame) {
      note(frame, 'errorOutput', errorOutput);
      return (catchFlows.get(catcher) ?? compileCatcher(catcher))(raw, errorOutput, frame);
    },
  };
}

/** A catcher's ResultPath and Assign (`$` in its Assign is the error output). */
function compileCatcher(catcher: Catcher): (raw: unknown, errorOutput: unknown, frame: Frame) => unknown {
  const write = compileResultPath(catcher.ResultPath);
  const assign = compileJsonPathAssign(catcher.Assign);
  return (raw, errorOutput, frame) => {
    assign?.(errorOutput, frame);
    return write(raw, errorOutput);
  };
}
