/** ValidateStateMachineDefinition and TestState. */
import { AslUsageError, AslValidationError, StatesError } from '../../errors.js';
import type { InspectionData } from '../../testing/inspection.js';
import { testState, type TestStateOptions } from '../../testing/test-state.js';
import { TestWatchdogError } from '../../testing/watchdog.js';
import { validate } from '../../validate/index.js';
import type { Action } from '../context.js';
import { oneOf, optional, pageSize, parseJsonText, required, type Body } from '../params.js';
import { ApiError, validationError } from '../protocol.js';

export const validateStateMachineDefinition: Action = (body) => {
  const definition = required(body, 'definition', 1_048_576);
  const type = oneOf(body, 'type', ['STANDARD', 'EXPRESS'] as const) ?? 'STANDARD';
  // ERROR (the default) returns errors only; WARNING returns both.
  const severity = oneOf(body, 'severity', ['ERROR', 'WARNING'] as const) ?? 'ERROR';
  const max = pageSize(body, 100);
  const all = validate(definition, { type, warnings: severity === 'WARNING' }).diagnostics;
  const errors = all.filter((d) => d.severity === 'ERROR');
  const ordered = [...errors, ...all.filter((d) => d.severity === 'WARNING')];
  const shown = ordered.slice(0, max).map((d) => ({ severity: d.severity, code: d.code, message: d.message, ...(d.location ? { location: d.location } : {}) }));
  return { result: errors.length ? 'FAIL' : 'OK', diagnostics: shown, truncated: ordered.length > max };
};

function jsonMember(body: Body, member: string): unknown {
  const text = optional(body, member, 262_144);
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ApiError('InvalidExecutionInput', `Invalid ${member}: the ${member} is not valid JSON text`);
  return parsed.value;
}

/** TestState: one state in isolation; handlers from the handlers module serve unmocked Tasks. */
export const testStateAction: Action = async (body, ctx) => {
  const definition = required(body, 'definition', 1_048_576);
  const parsed = parseJsonText(definition);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') throw new ApiError('InvalidDefinition', "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: the definition is not a JSON object'");
  const options: TestStateOptions = {
    input: jsonMember(body, 'input') ?? {},
    inspectionLevel: oneOf(body, 'inspectionLevel', ['INFO', 'DEBUG', 'TRACE'] as const) ?? 'INFO',
    context: { region: ctx.scope.region, accountId: ctx.scope.accountId, partition: ctx.scope.partition },
    ...(ctx.handlers.handlers ? { handlers: ctx.handlers.handlers } : {}),
    ...(ctx.handlers.lambdas ? { lambdas: ctx.handlers.lambdas } : {}),
  };
  const stateName = optional(body, 'stateName', 80);
  if (stateName !== undefined) options.stateName = stateName;
  const variables = jsonMember(body, 'variables');
  if (variables !== undefined) {
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) throw validationError('variables must be JSON text of an object');
    options.variables = variables as Record<string, unknown>;
  }
  const mock = body.mock as { result?: unknown; errorOutput?: { error?: unknown; cause?: unknown } } | undefined;
  if (mock && typeof mock === 'object') {
    if (typeof mock.result === 'string') options.mock = { result: mock.result };
    else if (mock.errorOutput && typeof mock.errorOutput.error === 'string') {
      options.mock = { errorOutput: { error: mock.errorOutput.error, ...(typeof mock.errorOutput.cause === 'string' ? { cause: mock.errorOutput.cause } : {}) } };
    } else throw validationError('mock needs a result (JSON text) or an errorOutput with an error');
  }
  const retries = (body.stateConfiguration as { retrierRetryCount?: unknown } | undefined)?.retrierRetryCount;
  if (typeof retries === 'number') options.stateConfiguration = { retrierRetryCount: retries };
  let result;
  try {
    result = await testState(parsed.value, options);
  } catch (e) {
    if (e instanceof AslValidationError) {
      const parts = e.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`);
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${parts.join("', '")}'`);
    }
    // A handler that never settles ends the test (the watchdog), as a typed error rather than a hung request.
    if (e instanceof AslUsageError || e instanceof StatesError || e instanceof TestWatchdogError) throw validationError(e.message);
    throw e;
  }
  const out: Record<string, unknown> = { status: result.status };
  if (result.output !== undefined) out.output = JSON.stringify(result.output);
  if (result.error !== undefined) out.error = result.error;
  if (result.cause !== undefined) out.cause = result.cause;
  if (result.nextState !== undefined) out.nextState = result.nextState;
  if (result.inspectionData) out.inspectionData = wireInspection(result.inspectionData);
  return out;
};

/** Inspection data as the API sends it: payloads as JSON text, counts and error details as they are. */
function wireInspection(d: InspectionData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(d)) {
    if (value === undefined) continue;
    if (key === 'errorDetails' || key === 'maxConcurrency' || key === 'toleratedFailureCount' || key === 'toleratedFailurePercentage') out[key] = value;
    else out[key] = JSON.stringify(value);
  }
  return out;
}
