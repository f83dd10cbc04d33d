import type { Catcher, Template } from '../../definition/types.js';
import { compileJsonataTemplate, type JsonataBindings, type JsonataTemplate } from '../../query/jsonata/index.js';
import type { Frame } from '../frame.js';
import { applyAssign } from './assign.js';
import { UNKNOWN } from './bound.js';
import type { StateFlow } from './flow.js';
import { note, noteLater } from './inspect.js';

export interface JsonataFields {
  readonly Arguments?: Template;
  readonly Output?: Template;
  readonly Assign?: Template;
}

/** `$states` and variables for one evaluation. */
export function bindings(frame: Frame, input: unknown, extra?: { result?: unknown; errorOutput?: unknown }): JsonataBindings {
  const states: JsonataBindings['states'] = { input, context: frame.contextObject() };
  if (extra && 'result' in extra) states.result = extra.result;
  if (extra && 'errorOutput' in extra) states.errorOutput = extra.errorOutput;
  // Journaled per thread, so a resumed execution draws the same values; `$now()` and
  // `$millis()` read the execution's clock (its recorded time while a snapshot replays).
  const clock = frame.env.clock;
  return { states, variables: frame.variables, random: frame.random, uuid: frame.uuid, now: () => frame.now(), hold: () => clock.hold() };
}

/** Evaluates Assign and Output together: both see the same `$states` and the variables from before the state. */
async function assignAndOutput(
  assign: JsonataTemplate | undefined,
  output: JsonataTemplate | undefined,
  fallback: unknown,
  b: JsonataBindings,
  frame: Frame,
): Promise<unknown> {
  const values = assign ? ((await assign(b)) as Record<string, unknown>) : undefined;
  const out = output ? await output(b) : fallback;
  if (values) applyAssign(frame, values);
  return out;
}

/**
 * JSONata data flow (AWS "Transforming data with JSONata"): Arguments → work → Assign and
 * Output. Default Output: the result for Task/Parallel/Map, the input otherwise.
 */
export function jsonataFlow(fields: JsonataFields, kind: 'result' | 'none', catchers: readonly Catcher[] = []): StateFlow {
  const args = fields.Arguments !== undefined ? compileJsonataTemplate(fields.Arguments, 'Arguments') : undefined;
  const output = fields.Output !== undefined ? compileJsonataTemplate(fields.Output, 'Output') : undefined;
  const assign = fields.Assign !== undefined ? compileJsonataTemplate(fields.Assign, 'Assign') : undefined;
  const catchFlows = new Map(
    catchers.map((c) => [
      c,
      {
        output: c.Output !== undefined ? compileJsonataTemplate(c.Output, 'Output') : undefined,
        assign: c.Assign !== undefined ? compileJsonataTemplate(c.Assign, 'Assign') : undefined,
      },
    ]),
  );
  return {
    select: (raw) => raw,
    // `note` reports each intermediate value to a TestState inspector; a no-op unless one is attached.
    parameters: args
      ? (_selected, raw, frame) => noteLater(frame, 'afterArguments', args(bindings(frame, raw)))
      : (selected, _raw, frame) => note(frame, 'afterArguments', selected),
    finish(raw, _selected, result, frame) {
      if (kind === 'result') note(frame, 'result', result);
      // Only the input passed on unchanged has a known bound (see bound.ts); the exit counts the rest.
      frame.outputBound = !output && kind === 'none' ? frame.inputBound : UNKNOWN;
      if (!assign && !output) return kind === 'result' ? result : raw;
      const b = bindings(frame, raw, kind === 'result' ? { result } : undefined);
      return assignAndOutput(assign, output, kind === 'result' ? result : raw, b, frame);
    },
    caught(catcher, raw, errorOutput, frame) {
      note(frame, 'errorOutput', errorOutput);
      frame.outputBound = UNKNOWN;
      const c = catchFlows.get(catcher);
      if (!c || (!c.assign && !c.output)) return errorOutput;
      return assignAndOutput(c.assign, c.output, errorOutput, bindings(frame, raw, { errorOutput }), frame);
    },
  };
}
