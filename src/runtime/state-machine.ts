import { AslUsageError, AslValidationError } from '../errors.js';
import type { MachineDefinition } from '../definition/types.js';
import type { Diagnostic } from '../definition/diagnostic.js';
import type { ValidatedDefinition } from '../definition/validated.js';
import { validate } from '../validate/index.js';
import { handlersResolver } from '../tasks/handlers.js';
import { lambdaResolver } from '../tasks/lambda.js';
import type { LambdaHandler, TaskHandler, TaskResolver } from '../tasks/types.js';
import type { Clock } from './clock.js';
import { compileMachine } from './compile.js';
import type { ContextOverrides, WorkflowType } from './context.js';
import type { Runtime } from '../tasks/hub.js';
import { nestedExecutionResolver } from '../tasks/nested.js';
import { s3Resolver } from '../tasks/s3.js';
import type { ObjectStore } from '../objects/types.js';
import { Execution, type ExecutionResult, type ExecutionSettings } from './execution.js';
import { checkSnapshot, type ExecutionSnapshot } from './snapshot.js';
import { MAX_HISTORY_EVENTS } from './history.js';
import type { CompiledMachine } from './machine.js';
import { sha256 } from '../web/digest/sha256.js';

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
  /**
   * The history quota: an execution whose history would pass it fails with States.Runtime, as
   * AWS fails a Standard execution at 25,000 events. Default 25,000; `Infinity` turns it off.
   */
  maxHistoryEvents?: number;
  /**
   * The object store Distributed Maps read items from (ItemReader) and write results to
   * (ResultWriter); with one, the S3 integrations (`s3:getObject`, `s3:putObject`,
   * `aws-sdk:s3:getObject` / `putObject` / `listObjectsV2`) need no handler.
   */
  objectStore?: ObjectStore;
  /**
   * The workflow type, as `CreateStateMachine`'s `type`. `'EXPRESS'` refuses `.sync`,
   * `.waitForTaskToken` and activities (the constructor, or `start()` when only the run asks for
   * it, throws `AslValidationError`), gives `$$.Execution.Id` AWS's Express shape
   * (`…:express:<machine>:<name>:<uuid>`), ends an execution after five minutes with
   * `States.Timeout`, and has no history quota. Default `'STANDARD'`.
   */
  type?: WorkflowType;
}

/** Options only the constructor takes. */
export interface MachineOptions extends RunOptions {
  /**
   * Check Task `Resource`s against AWS's ARN grammar (Lambda versions and aliases, activities,
   * service integrations). Default: any URI (`local:sendEmail`); an `arn:` must have ARN shape,
   * and a `${…}` placeholder is always an error.
   */
  strictResources?: boolean;
}

/** AWS's limit on the duration of an Express execution ("Choosing workflow type in Step Functions"). */
const EXPRESS_MAX_SECONDS = 300;

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
  /**
   * The model `validate()` built for this definition: every state (nested ones too) with its
   * type, effective query language, location and transitions, as the engine runs it.
   */
  readonly model: ValidatedDefinition;
  /** Validation warnings (errors make the constructor throw). */
  readonly warnings: readonly Diagnostic[];
  private readonly compiled: CompiledMachine;
  /** The definition's hash once something asked for it (see {@link definitionHash}). */
  private hash: string | undefined;
  private readonly options: MachineOptions;
  /** Whether the constructor was given any option (else a run's options are used as they are). */
  private readonly hasOptions: boolean;

  /** @throws AslValidationError when the definition is not valid ASL (see `.diagnostics`). */
  constructor(definition: MachineDefinition | string | object, options: MachineOptions = {}) {
    // Parsed once (JSON text keeps its line and column in diagnostics); the compiler reads the
    // validator's model, so both agree on every state.
    const type = workflowType(options.type);
    const result = validate(definition, { strictResources: options.strictResources, type });
    if (!result.valid) throw new AslValidationError(result.diagnostics);
    this.warnings = result.diagnostics.filter((d) => d.severity === 'WARNING');
    this.definition = result.definition.definition;
    this.model = result.definition;
    this.compiled = compileOrReport(result.definition);
    this.options = { ...options };
    this.hasOptions = hasOwnKeys(this.options);
    if (type === 'EXPRESS') this.expressChecked = true;
  }

  /**
   * SHA-256 of the definition's canonical JSON; snapshots carry it. Computed on first use (only
   * snapshots and `resume()` need it, and hashing costs more than compiling a small machine).
   */
  get definitionHash(): string {
    return (this.hash ??= sha256(new TextEncoder().encode(canonicalJson(this.definition))));
  }

  /** {@link definitionHash} as a function, so an execution asks for it only when it snapshots. */
  private readonly hashOf = (): string => this.definitionHash;

  /** The resolvers of the last options seen: runs that share handler objects share them. */
  private readonly resolverChain = new ResolverChain();

  /** Whether the definition is known to meet the Express rules (checked once, when first needed). */
  private expressChecked = false;

  private checkExpress(): void {
    if (this.expressChecked) return;
    const result = validate(this.definition, { strictResources: this.options.strictResources, type: 'EXPRESS' });
    if (!result.valid) throw new AslValidationError(result.diagnostics);
    this.expressChecked = true;
  }

  /**
   * Starts an execution and returns it at once.
   * @throws AslUsageError when the input is not JSON-serialisable.
   */
  start(input?: unknown, options: RunOptions = {}): Execution {
    return new Execution(this.settings(options), input);
  }

  /**
   * Continues an execution from a snapshot (`execution.snapshot()` / `suspend()`), in this or
   * another process. It replays the recorded history (task results come from it, no handler is
   * called again) and goes on from where the execution was waiting. Pass the same handlers;
   * the clock decides how much of a pending wait is left.
   * @throws InvalidSnapshotError when the snapshot is malformed or damaged, or was taken against another definition.
   */
  resume(snapshot: ExecutionSnapshot, options: RunOptions = {}): Execution {
    checkSnapshot(snapshot, this.definitionHash);
    return new Execution({ ...this.settings(options), resumeFrom: snapshot }, undefined);
  }

  /** @internal The settings of one execution, resolved from the machine's and the run's options (testState uses it). */
  settings(options: RunOptions): ExecutionSettings {
    // Only read, so one side alone needs no copy.
    const o = !hasOwnKeys(options) ? this.options : !this.hasOptions ? options : { ...this.options, ...options };
    const type = workflowType(o.type);
    if (type === 'EXPRESS') this.checkExpress();
    const resolvers = this.resolverChain.of(o);
    const timeout = this.definition.TimeoutSeconds;
    if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length < 1 || o.name.length > 80)) {
      throw new AslUsageError(`Execution name must be 1 to 80 characters, got ${JSON.stringify(o.name)}`);
    }
    // Express workflows keep no history in Step Functions, so AWS's history quota is a Standard one.
    const maxHistoryEvents = o.maxHistoryEvents ?? (type === 'EXPRESS' ? Infinity : MAX_HISTORY_EVENTS);
    if (maxHistoryEvents !== Infinity && (!Number.isInteger(maxHistoryEvents) || maxHistoryEvents < 2)) {
      throw new AslUsageError(`maxHistoryEvents must be an integer of at least 2, or Infinity; got ${String(maxHistoryEvents)}`);
    }
    return {
      machine: this.compiled,
      maxHistoryEvents,
      timeoutSeconds:
        type === 'EXPRESS'
          ? Math.min(typeof timeout === 'number' ? timeout : EXPRESS_MAX_SECONDS, EXPRESS_MAX_SECONDS)
          : typeof timeout === 'number'
            ? timeout
            : undefined,
      type,
      clock: o.clock,
      resolvers,
      context: o.context ?? {},
      name: o.name,
      signal: o.signal,
      random: o.random,
      uuid: o.uuid,
      includeExecutionData: o.includeExecutionData ?? true,
      runtime: o.runtime,
      objectStore: o.objectStore,
      definitionHash: this.hashOf,
    };
  }

  /** Starts an execution and waits for its result. */
  run(input?: unknown, options?: RunOptions): Promise<ExecutionResult> {
    return this.start(input, options).result;
  }
}

/** Whether `o` has an own enumerable key (a spread of it would change something). */
function hasOwnKeys(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
}

/**
 * The resolver chain of a run: custom resolvers, handlers, lambdas, S3 (with an object store),
 * nested executions. Building a handlers or lambdas resolver walks the whole object, so each is
 * built once per object (options objects are read-only by contract); a run with the same four
 * options as the last one gets the same chain.
 */
class ResolverChain {
  private readonly handlers = new WeakMap<object, TaskResolver>();
  private readonly lambdas = new WeakMap<object, TaskResolver>();
  private last: { readonly options: RunOptions; readonly chain: readonly TaskResolver[] } | undefined;

  of(o: RunOptions): readonly TaskResolver[] {
    const last = this.last;
    if (
      last !== undefined &&
      last.options.resolvers === o.resolvers &&
      last.options.handlers === o.handlers &&
      last.options.lambdas === o.lambdas &&
      last.options.objectStore === o.objectStore
    ) {
      return last.chain;
    }
    const chain: TaskResolver[] = [...(o.resolvers ?? [])];
    if (o.handlers) chain.push(cached(this.handlers, o.handlers, handlersResolver));
    if (o.lambdas) chain.push(cached(this.lambdas, o.lambdas, lambdaResolver));
    if (o.objectStore) chain.push(s3Resolver(o.objectStore));
    chain.push(nestedExecutionResolver);
    this.last = { options: { resolvers: o.resolvers, handlers: o.handlers, lambdas: o.lambdas, objectStore: o.objectStore }, chain };
    return chain;
  }
}

function cached<K extends object>(cache: WeakMap<object, TaskResolver>, key: K, make: (key: K) => TaskResolver): TaskResolver {
  let r = cache.get(key);
  if (r === undefined) cache.set(key, (r = make(key)));
  return r;
}

function workflowType(type: unknown): WorkflowType {
  if (type === undefined || type === 'STANDARD') return 'STANDARD';
  if (type === 'EXPRESS') return 'EXPRESS';
  throw new AslUsageError(`type must be 'STANDARD' or 'EXPRESS', got ${JSON.stringify(type) ?? String(type)}`);
}

/** JSON with object keys sorted, so equal definitions hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * Compiles a validated definition. The validator compiles every field with the same compilers,
 * so this cannot fail; if it ever does, the caller still gets a typed AslValidationError.
 */
function compileOrReport(valid: ValidatedDefinition): CompiledMachine {
  try {
    return compileMachine(valid);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new AslValidationError([
      { severity: 'ERROR', code: 'VALIDATOR_INTERNAL_ERROR', message: `the definition passed validation but could not be compiled: ${detail.slice(0, 200)}`, location: '', path: [] },
    ]);
  }
}
