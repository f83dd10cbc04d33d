import { compilePath } from '../query/jsonpath/path.js';
import { isStateEntered, type HistoryEvent } from '../runtime/history.js';

/**
 * What AWS's TestState returns at inspection level DEBUG (API reference, "InspectionData").
 * AWS sends each payload as JSON text; here they are the parsed values.
 */
export interface InspectionData {
  /** The state's raw input. */
  input?: unknown;
  /** After InputPath (JSONPath only). */
  afterInputPath?: unknown;
  /** After Parameters (JSONPath): the effective input of the work. */
  afterParameters?: unknown;
  /** After Arguments (JSONata). */
  afterArguments?: unknown;
  /** The raw result (Task: the service response; Map: the iterations' outputs; Pass: Result or effective input). */
  result?: unknown;
  /** After ResultSelector (JSONPath only). */
  afterResultSelector?: unknown;
  /** After ResultPath (JSONPath only): the output before OutputPath. */
  afterResultPath?: unknown;
  /** Every variable in scope after the state (the given ones plus what it assigned). */
  variables?: Record<string, unknown>;
  /** Which retrier or catcher handled the error (AWS's InspectionErrorDetails). */
  errorDetails?: { retryIndex?: number; retryBackoffIntervalSeconds?: number; catchIndex?: number };
  /** Map: the items after ItemsPath (JSONPath only). */
  afterItemsPath?: unknown;
  /** Map: each iteration's input after ItemSelector (and ItemBatcher), in item order. */
  afterItemSelector?: unknown[];
  /** Map: MaxConcurrency as evaluated (0 = unlimited). */
  maxConcurrency?: number;
  /** Map: ToleratedFailureCount as evaluated. */
  toleratedFailureCount?: number;
  /** Map: ToleratedFailurePercentage as evaluated. */
  toleratedFailurePercentage?: number;
}

type MapFields = {
  ItemsPath?: string;
  MaxConcurrency?: unknown;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: unknown;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: unknown;
  ToleratedFailurePercentagePath?: string;
};

/**
 * Map-only inspection fields. The iteration inputs come from the history (each iteration's first
 * StateEntered event carries its input), so they are exactly what the engine ran; ItemsPath and
 * the literal-or-path settings are re-evaluated with the query modules, which are the same code
 * the Map state uses. JSONata expressions for the settings are not re-evaluated (left out).
 */
export function mapInspection(state: MapFields, jsonata: boolean, afterInputPath: unknown, variables: Record<string, unknown>, history: readonly HistoryEvent[], name: string): InspectionData {
  const out: InspectionData = {};
  const read = (path: string): unknown => compilePath(path).get({ input: afterInputPath, context: {}, variables, random: Math.random, uuid: () => crypto.randomUUID() });
  if (!jsonata) {
    try {
      out.afterItemsPath = read(state.ItemsPath ?? '$');
    } catch {
      // The engine reports the failure itself; inspection just leaves the field out.
    }
  }
  out.afterItemSelector = iterationInputs(history, name);
  const count = (literal: unknown, path: string | undefined): number | undefined => {
    if (typeof literal === 'number') return literal;
    if (path === undefined || jsonata) return undefined;
    try {
      const v = read(path);
      return typeof v === 'number' ? v : undefined;
    } catch {
      return undefined;
    }
  };
  out.maxConcurrency = count(state.MaxConcurrency, state.MaxConcurrencyPath) ?? (state.MaxConcurrency === undefined ? 0 : undefined);
  const tc = count(state.ToleratedFailureCount, state.ToleratedFailureCountPath);
  if (tc !== undefined) out.toleratedFailureCount = tc;
  const tp = count(state.ToleratedFailurePercentage, state.ToleratedFailurePercentagePath);
  if (tp !== undefined) out.toleratedFailurePercentage = tp;
  if (out.maxConcurrency === undefined) delete out.maxConcurrency;
  return out;
}

/** Inputs of the Map's iterations by index, read from each iteration's first entered state. */
function iterationInputs(history: readonly HistoryEvent[], name: string): unknown[] {
  const byIndex = new Map<number, unknown>();
  const started = new Map<number, number>();
  for (const e of history) {
    if (e.type === 'MapIterationStarted') {
      const d = e.mapIterationStartedEventDetails;
      if (d?.name === name && typeof d.index === 'number' && !byIndex.has(d.index)) started.set(e.id, d.index);
    } else if (isStateEntered(e) && started.has(e.previousEventId)) {
      const input = e.stateEnteredEventDetails?.input;
      byIndex.set(started.get(e.previousEventId)!, input === undefined ? undefined : JSON.parse(input));
      started.delete(e.previousEventId);
    }
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}
