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
