/**
 * RemoteStateMachine: the `start` / `run` / `result` / `history` / `stop` of an in-process
 * `StateMachine`, carried out by a Step Functions endpoint through an `SFNClient`, so one test
 * suite runs in-process in milliseconds and against `asl-runtime serve`, LocalStack or AWS.
 */
import { AslUsageError } from '../errors.js';
import type { ExecutionResult } from '../runtime/execution.js';
import type { HistoryEvent } from '../runtime/history.js';
import { fromSdkEvent } from './history.js';
import { sdk, type SfnClientLike } from './sdk.js';

/** Options of a {@link RemoteStateMachine}. */
export interface RemoteOptions {
  /** Longest pause between two DescribeExecution polls while waiting for a result. Default 1000 ms. */
  maxPollIntervalMs?: number;
}

/** Options of {@link RemoteStateMachine.create}. */
export interface CreateRemoteOptions extends RemoteOptions {
  /** The state machine name (1–80 characters). */
  name: string;
  /** The execution role. Default: a placeholder role in account 123456789012 (fine for local endpoints). */
  roleArn?: string;
  /** STANDARD (default) or EXPRESS. EXPRESS runs through StartSyncExecution. */
  type?: 'STANDARD' | 'EXPRESS';
}

/** The part of a machine a shared test needs: what both `StateMachine` and `RemoteStateMachine` offer (use `await` on each call). */
export interface MachineUnderTest {
  start(input?: unknown, options?: { name?: string }): ExecutionUnderTest | Promise<ExecutionUnderTest>;
  run(input?: unknown, options?: { name?: string }): Promise<ExecutionResult>;
}

/** An execution a shared test can await: in-process `Execution` and {@link RemoteExecution} both fit. */
export interface ExecutionUnderTest {
  readonly executionArn: string;
  readonly result: Promise<ExecutionResult>;
  readonly history: readonly HistoryEvent[] | Promise<readonly HistoryEvent[]>;
  stop(options?: { error?: string; cause?: string }): void | Promise<void>;
}

/**
 * A state machine on a Step Functions endpoint.
 *
 * @example
 * const client = new SFNClient({ endpoint: 'http://127.0.0.1:8083', region: 'us-east-1' });
 * const machine = await RemoteStateMachine.create(client, definition, { name: 'Orders' });
 * const { status, output } = await machine.run({ orderId: 1 });
 */
export class RemoteStateMachine implements MachineUnderTest {
  private readonly maxPollMs: number;
  private type: Promise<'STANDARD' | 'EXPRESS'> | undefined;

  /**
   * @param client an `SFNClient` from `@aws-sdk/client-sfn`. For StartSyncExecution against a
   *   local endpoint, create it with `disableHostPrefix: true` (the SDK otherwise sends it to `sync-<host>`).
   * @param stateMachineArn the machine to run.
   */
  constructor(
    readonly client: SfnClientLike,
    readonly stateMachineArn: string,
    options: RemoteOptions & { type?: 'STANDARD' | 'EXPRESS' } = {},
  ) {
    this.maxPollMs = options.maxPollIntervalMs ?? 1000;
    if (options.type) this.type = Promise.resolve(options.type);
  }

  /** CreateStateMachine (idempotent for the same name, definition and type), then a machine for it. */
  static async create(client: SfnClientLike, definition: object | string, options: CreateRemoteOptions): Promise<RemoteStateMachine> {
    const { CreateStateMachineCommand } = await sdk();
    const type = options.type ?? 'STANDARD';
    const out = (await client.send(
      new CreateStateMachineCommand({
        name: options.name,
        definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
        roleArn: options.roleArn ?? 'arn:aws:iam::123456789012:role/StepFunctionsExecutionRole',
        type,
      }),
    )) as { stateMachineArn: string };
    return new RemoteStateMachine(client, out.stateMachineArn, { ...options, type });
  }

  /**
   * StartExecution (StartSyncExecution for EXPRESS, whose execution has ended when this resolves).
   * @throws the SDK's error (`StateMachineDoesNotExist`, `ExecutionAlreadyExists`, …) as thrown.
   */
  async start(input: unknown = {}, options: { name?: string } = {}): Promise<RemoteExecution> {
    const text = JSON.stringify(input);
    if (text === undefined) throw new AslUsageError('The execution input must be JSON-serialisable.');
    const m = await sdk();
    if ((await this.machineType()) === 'EXPRESS') {
      const out = (await this.client.send(new m.StartSyncExecutionCommand({ stateMachineArn: this.stateMachineArn, input: text, ...options }))) as Described;
      return new RemoteExecution(this, out.executionArn, Promise.resolve(resultOf(out)));
    }
    const out = (await this.client.send(new m.StartExecutionCommand({ stateMachineArn: this.stateMachineArn, input: text, ...options }))) as { executionArn: string };
    return new RemoteExecution(this, out.executionArn);
  }

  /** Starts an execution and waits for its result. */
  async run(input?: unknown, options?: { name?: string }): Promise<ExecutionResult> {
    return (await this.start(input, options)).result;
  }

  /** Polls DescribeExecution until the execution has ended, and returns its outcome. */
  async result(executionArn: string): Promise<ExecutionResult> {
    const { DescribeExecutionCommand } = await sdk();
    for (let wait = 10; ; wait = Math.min(this.maxPollMs, wait * 2)) {
      const d = (await this.client.send(new DescribeExecutionCommand({ executionArn }))) as Described;
      if (d.status !== 'RUNNING' && d.status !== 'PENDING_REDRIVE') return resultOf(d);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Every history event (all pages of GetExecutionHistory), in the in-process `execution.history` shape. */
  async history(executionArn: string): Promise<HistoryEvent[]> {
    const { GetExecutionHistoryCommand } = await sdk();
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = (await this.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }))) as {
        events?: Record<string, unknown>[];
        nextToken?: string;
      };
      for (const e of page.events ?? []) events.push(fromSdkEvent(e));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  /** StopExecution: ends it as ABORTED. */
  async stop(executionArn: string, options: { error?: string; cause?: string } = {}): Promise<void> {
    const { StopExecutionCommand } = await sdk();
    await this.client.send(new StopExecutionCommand({ executionArn, ...options }));
  }

  /** DeleteStateMachine. */
  async delete(): Promise<void> {
    const { DeleteStateMachineCommand } = await sdk();
    await this.client.send(new DeleteStateMachineCommand({ stateMachineArn: this.stateMachineArn }));
  }

  private machineType(): Promise<'STANDARD' | 'EXPRESS'> {
    this.type ??= sdk().then(async ({ DescribeStateMachineCommand }) => {
      const d = (await this.client.send(new DescribeStateMachineCommand({ stateMachineArn: this.stateMachineArn }))) as { type?: 'STANDARD' | 'EXPRESS' };
      return d.type ?? 'STANDARD';
    });
    return this.type;
  }
}

/** An execution on the endpoint, shaped like an in-process `Execution` (await `history` and `stop()`). */
export class RemoteExecution implements ExecutionUnderTest {
  private cached: Promise<ExecutionResult> | undefined;

  /** @internal use `RemoteStateMachine.start()` */
  constructor(
    private readonly machine: RemoteStateMachine,
    readonly executionArn: string,
    known?: Promise<ExecutionResult>,
  ) {
    this.cached = known;
  }

  /** The outcome, once the execution has ended (polled on first read). */
  get result(): Promise<ExecutionResult> {
    return (this.cached ??= this.machine.result(this.executionArn));
  }

  /** The history so far (GetExecutionHistory, every page). */
  get history(): Promise<HistoryEvent[]> {
    return this.machine.history(this.executionArn);
  }

  /** StopExecution. */
  stop(options: { error?: string; cause?: string } = {}): Promise<void> {
    return this.machine.stop(this.executionArn, options);
  }
}

interface Described {
  executionArn: string;
  status: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** DescribeExecution / StartSyncExecution → the in-process result shape (output parsed). */
function resultOf(d: Described): ExecutionResult {
  const out: { -readonly [K in keyof ExecutionResult]: ExecutionResult[K] } = { status: d.status as ExecutionResult['status'] };
  if (d.status === 'SUCCEEDED') out.output = d.output === undefined ? undefined : (JSON.parse(d.output) as unknown);
  if (d.error !== undefined && d.error !== null) out.error = d.error;
  if (d.cause !== undefined && d.cause !== null) out.cause = d.cause;
  return out;
}
