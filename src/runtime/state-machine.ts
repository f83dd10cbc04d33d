import { AslUsageError, AslValidationError } from '../errors.js';
import { parseDefinition } from '../definition/parse.js';
import type { MachineDefinition } from '../definition/types.js';
import { validate } from '../validate/index.js';
import { handlersResolver } from '../tasks/handlers.js';
import { lambdaResolver } from '../tasks/lambda.js';
import type { LambdaHandler, TaskHandler, TaskResolver } from '../tasks/types.js';
import type { Clock } from './clock.js';
import { compileMachine } from './compile.js';
import type { ContextOverrides } from './context.js';
import type { Runtime } from './runtime.js';
import { nestedExecutionResolver } from '../tasks/nested.js';
import { Execution, type ExecutionResult } from './execution.js';
import type { CompiledMachine } from './machine.js';

/** Options of a machine; every one can be overridden per `start()`. */
export interface RunOptions {
  /** Task handlers keyed by exact `Resource` string or glob pattern (`arn:aws:states:::dynamodb:*`). */
  handlers?: Readonly<Record<string, TaskHandler>>;
  /** Lambda function code keyed by function name or ARN; serves Lambda ARNs and `lambda:invoke`. */
  lambdas?: Readonly<Record<string, LambdaHandler>>;
  /** Custom resolvers, consulted before `handlers` and `lambdas`. */
  resolvers?: readonly TaskResolver[];
  /** The clock for waits, retries and timeouts. Default: the real clock; use `new VirtualClock()` in tests. */
  clock?: Clock;
  /** The execution name (default: a UUID from the id source). */
  name?: string;
  /** Identity fields of the context object: region, account, state machine name, role. */
  context?: ContextOverrides;
  /** Stops the execution (as ABORTED) when it fires. */
  signal?: AbortSignal;
  /** Random source in [0, 1) for retry jitter and random intrinsics. Default: Math.random. */
  random?: () => number;
  /** UUID source for execution names, request ids and States.UUID. Default: crypto.randomUUID. */
  uuid?: () => string;
  /** Whether history events carry input and output payloads (AWS's includeExecutionData). Default true. */
  includeExecutionData?: boolean;
  /** Shared task tokens, activity queues and machines for nested executions. Default: one per execution. */
  runtime?: Runtime;
}

/** Options only the constructor takes. */
export interface MachineOptions extends RunOptions {
  /** Skip validation warnings? Validation errors always throw. Default: false (warnings kept on `warnings`). */
  strictResources?: boolean;
}

/**
 * A compiled state machine: parsed, validated and compiled once, then started any number of
 * times, concurrently. Immutable.
 *
 * @example
 * const machine = new StateMachine(definition, { handlers: { 'arn:aws:states:::lambda:invoke': fn } });
 * const { status, output } = await machine.run({ orderId: 42 });
 */
export class StateMachine {
  /** The definition as parsed (do not mutate). */
  readonly definition: MachineDefinition;
  /** Validation warnings (errors make the constructor throw). */
  readonly warnings: readonly import('../definition/diagnostic.js').Diagnostic[];
  private readonly compiled: CompiledMachine;
  private readonly options: MachineOptions;

  /** @throws AslValidationError when the definition is not valid ASL (see `.diagnostics`). */
  constructor(definition: MachineDefinition | string | object, options: MachineOptions = {}) {
    const parsed = parseDefinition(definition);
    const result = validate(typeof definition === 'string' ? definition : parsed, { strictResources: options.strictResources });
    const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
    if (errors.length) throw new AslValidationError(result.diagnostics);
    this.warnings = result.diagnostics.filter((d) => d.severity === 'WARNING');
    this.definition = parsed as MachineDefinition;
    this.compiled = compileMachine(this.definition);
    this.options = { ...options };
  }

  /**
   * Starts an execution and returns it at once.
   * @throws AslUsageError when the input is not JSON-serialisable.
   */
  start(input?: unknown, options: RunOptions = {}): Execution {
    const o = { ...this.options, ...options };
    const resolvers: TaskResolver[] = [...(o.resolvers ?? [])];
    if (o.handlers) resolvers.push(handlersResolver(o.handlers));
    if (o.lambdas) resolvers.push(lambdaResolver(o.lambdas));
    resolvers.push(nestedExecutionResolver);
    const timeout = this.definition.TimeoutSeconds;
    if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length < 1 || o.name.length > 80)) {
      throw new AslUsageError(`Execution name must be 1 to 80 characters, got ${JSON.stringify(o.name)}`);
    }
    return new Execution(
      {
        machine: this.compiled,
        timeoutSeconds: typeof timeout === 'number' ? timeout : undefined,
        clock: o.clock,
        resolvers,
        context: o.context ?? {},
        name: o.name,
        signal: o.signal,
        random: o.random,
        uuid: o.uuid,
        includeExecutionData: o.includeExecutionData ?? true,
        runtime: o.runtime,
      },
      input,
    );
  }

  /** Starts an execution and waits for its result. */
  run(input?: unknown, options?: RunOptions): Promise<ExecutionResult> {
    return this.start(input, options).result;
  }
}
