import type { MapState, Template } from '../../definition/types.js';
import { DataFlowError, StatesError, StatesErrors } from '../../errors.js';
import { compileJsonataTemplate } from '../../query/jsonata/index.js';
import { compileTemplate } from '../../query/jsonpath/template.js';
import { selectsWithinInput, UNKNOWN } from '../dataflow/bound.js';
import { compileField, type FieldReader } from '../dataflow/field.js';
import { inputArray, mapCount, mapItems, mapPercentage } from '../dataflow/field-types.js';
import type { StateFlow } from '../dataflow/flow.js';
import { note } from '../dataflow/inspect.js';
import { bindings } from '../dataflow/jsonata.js';
import type { CompiledMachine } from '../machine.js';
import { retrying } from '../retry.js';
import { compileMapRun } from './map-distributed.js';
import { runIterations } from './map-inline.js';
import { AlreadyReported, enter, exit, guarded, nextOf, toStatesError, type CompiledState, type Transitions } from './common.js';

type Eval<T> = FieldReader<T>;

/**
 * Map: runs its ItemProcessor once per item (ItemsPath / Items), at most MaxConcurrency at a
 * time (0 = no limit); the result is the iterations' outputs in item order. INLINE iterations
 * write their events into the parent's history; DISTRIBUTED ones run as a Map Run.
 */
export function compileMap(name: string, def: MapState, flow: StateFlow, processor: CompiledMachine, jsonata: boolean, transitions: Transitions): CompiledState {
  const next = transitions.to(nextOf(def));
  const distributed = (def.ItemProcessor ?? def.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const items = compileItems(def, jsonata);
  const selector = compileSelector(def.ItemSelector ?? def.Parameters, jsonata);
  const maxConcurrency = optional(compileField({ field: 'MaxConcurrency', literal: def.MaxConcurrency, path: def.MaxConcurrencyPath, jsonata }, mapCount));
  const toleratedCount = optional(
    compileField({ field: 'ToleratedFailureCount', literal: def.ToleratedFailureCount, path: def.ToleratedFailureCountPath, jsonata }, mapCount),
  );
  const toleratedPct = optional(
    compileField(
      { field: 'ToleratedFailurePercentage', literal: def.ToleratedFailurePercentage, path: def.ToleratedFailurePercentagePath, jsonata },
      mapPercentage,
    ),
  );
  const batcher = def.ItemBatcher;
  // Items picked out of the state's input unchanged are each within its JSON size bound.
  const itemsWithinInput = !jsonata && !selector && !batcher && withinInput(def.InputPath) && withinInput(def.ItemsPath);
  // DISTRIBUTED (and ItemReader / ResultWriter): a Map Run that streams, selects and batches items itself.
  const mapRun = distributed || def.ItemReader !== undefined || def.ResultWriter !== undefined ? compileMapRun(name, def, processor, jsonata, { items, selector }) : undefined;
  return {
    name,
    type: 'Map',
    run(raw, frame) {
      enter(frame, 'Map', name, raw, true);
      const itemBound = itemsWithinInput ? frame.inputBound : UNKNOWN;
      return guarded(frame, 'Map', name, raw, async () => {
        const selected = flow.select(raw, frame);
        const list = mapRun ? [] : await items(selected, raw, frame);
        if (!jsonata && !mapRun) note(frame, 'afterItemsPath', list);
        const limit = note(frame, 'maxConcurrency', (await maxConcurrency(selected, raw, frame)) ?? 0);
        // Each iteration's input: ItemSelector over the Map's input with $$.Map.Item set.
        const inputs: unknown[] = [];
        for (let i = 0; i < list.length; i++) {
          frame.visit.mapItem = { Index: i, Value: list[i] };
          inputs.push(selector ? await selector(selected, raw, frame) : list[i]);
        }
        frame.visit.mapItem = undefined;
        const work = batcher && !mapRun ? batch(inputs, batcher) : inputs;
        // A Map Run selects and batches as it streams; its iteration inputs are not listed here.
        if (!mapRun) note(frame, 'afterItemSelector', work);
        const results = await retrying(
          frame,
          def.Retry,
          async (attempt) => {
            frame.emit('MapStateStarted', { length: work.length });
            // AWS reads the tolerated-failure settings after MapStateStarted (recorded history).
            const tolCount = await toleratedCount(selected, raw, frame);
            const tolPct = await toleratedPct(selected, raw, frame);
            if (tolCount !== undefined) note(frame, 'toleratedFailureCount', tolCount);
            if (tolPct !== undefined) note(frame, 'toleratedFailurePercentage', tolPct);
            if (tolCount !== undefined && tolCount < 0) throw new DataFlowError(StatesErrors.Runtime, 'ToleratedFailureCount cannot be negative.');
            if (tolPct !== undefined && (tolPct < 0 || tolPct > 100)) {
              throw new DataFlowError(StatesErrors.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
            }
            try {
              return mapRun
                ? await mapRun(selected, raw, frame, { maxConcurrency: limit, toleratedCount: tolCount, toleratedPct: tolPct })
                : await runIterations(name, processor, work, frame, limit, attempt, itemBound);
            } catch (e) {
              throw new IterationsFailed(toStatesError(e, frame));
            }
          },
          // Recorded AWS histories: a retried attempt goes straight from the failed iteration to the
          // next MapStateStarted; MapStateFailed is written once, when the state finally fails.
          // Other failures (a bad tolerated-failure setting) are the state's own: guarded() reports them.
          (err) => {
            if (!(err instanceof IterationsFailed)) throw err;
            frame.emit('MapStateFailed');
            throw new AlreadyReported(err.error, err.cause);
          },
        );
        frame.emit('MapStateSucceeded');
        const output = await flow.finish(raw, selected, results, frame);
        return exit(frame, 'Map', name, output, next);
      }, flow, def.Catch, 'MapStateFailed');
    },
  };
}

/** Items (JSONata) or ItemsPath (JSONPath, default `$`); a JSONata Map without Items iterates over its input. */
function compileItems(def: MapState, jsonata: boolean): Eval<unknown[]> {
  const read = compileField({ field: 'Items', literal: def.Items, path: jsonata ? undefined : (def.ItemsPath ?? '$'), jsonata }, mapItems);
  return read ?? ((_s, raw) => inputArray(raw, StatesErrors.QueryEvaluationError));
}

/** Whether an InputPath or ItemsPath (absent: `$`) picks one value out of its input (dataflow/bound.ts); null does not. */
function withinInput(path: string | null | undefined): boolean {
  return path === undefined || (path !== null && selectsWithinInput(path));
}

/** A field the definition may leave out reads as `undefined`. */
function optional<T>(read: Eval<T> | undefined): Eval<T | undefined> {
  return read ?? (() => undefined);
}

function compileSelector(template: Template | undefined, jsonata: boolean): Eval<unknown> | undefined {
  if (template === undefined) return undefined;
  if (jsonata) {
    const t = compileJsonataTemplate(template, 'ItemSelector');
    return (_s, raw, frame) => t(bindings(frame, raw));
  }
  const t = compileTemplate(template, 'ItemSelector');
  return (selected, _raw, frame) => t(frame.scope(selected));
}

/** ItemBatcher: groups item inputs into `{ Items: [...], BatchInput? }` objects. */
function batch(inputs: unknown[], batcher: Readonly<Record<string, unknown>>): unknown[] {
  const size = typeof batcher.MaxItemsPerBatch === 'number' && batcher.MaxItemsPerBatch > 0 ? batcher.MaxItemsPerBatch : inputs.length || 1;
  const out: unknown[] = [];
  for (let i = 0; i < inputs.length; i += size) {
    const b: Record<string, unknown> = { Items: inputs.slice(i, i + size) };
    if (batcher.BatchInput !== undefined) b.BatchInput = batcher.BatchInput;
    out.push(b);
  }
  return out;
}

/** The iterations of one attempt failed: the failure Retry considers and MapStateFailed reports. */
class IterationsFailed extends StatesError {
  constructor(e: StatesError) {
    super(e.error, e.cause);
  }
}
