/**
 * Starting, resuming and following executions: the run options of each execution (shared
 * Runtime, clock, identity, task resolvers), the registry record, and the record's outcome
 * when the execution ends.
 */
import { randomUUID } from 'node:crypto';
import { VirtualClock } from '../runtime/clock.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import type { Runtime } from '../tasks/hub.js';
import type { ExecutionSnapshot } from '../runtime/snapshot.js';
import { StateMachine, type RunOptions } from '../runtime/state-machine.js';
import { MockConfigError, type MockConfig } from '../testing/mock-config.js';
import type { TaskResolver } from '../tasks/types.js';
import { arn, type Scope } from './arns.js';
import { checkName, parseJsonText } from './params.js';
import { ApiError, validationError } from './protocol.js';
import type { ExecutionRecord, MachineRecord, Registry } from './registry.js';
import { taskResolvers, type Handlers } from './task-resolvers.js';

/** Told about executions as they start and end (the `--store` persistence listens here). */
export interface ExecutionObserver {
  started(record: ExecutionRecord, execution: Execution): void;
  ended(record: ExecutionRecord): void;
}

export interface LaunchSettings {
  readonly scope: Scope;
  readonly runtime: Runtime;
  readonly handlers: Handlers;
  readonly mockConfig: MockConfig | undefined;
  readonly virtualTime: boolean;
  readonly log: (line: string) => void;
}

/** What a restored execution needs besides its snapshot. */
export type RestoredRecord = Omit<ExecutionRecord, 'done' | 'execution' | 'events' | 'status'>;

export class Launcher {
  observer: ExecutionObserver | undefined;

  constructor(
    private readonly registry: Registry,
    private readonly settings: LaunchSettings,
  ) {}

  /**
   * StartExecution: a new execution of `machine`, or the running one with the same name and
   * input (AWS answers a repeated StartExecution idempotently for Standard workflows).
   */
  start(machine: MachineRecord, inputText: string, nameGiven: string | undefined, testCase?: string): ExecutionRecord {
    const name = nameGiven === undefined ? randomUUID() : checkName(nameGiven, 'Execution');
    const parsed = parseJsonText(inputText);
    if (!parsed.ok) throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: 'The input is not valid JSON text'`);
    // An Express execution's ARN ends in a fresh id (the engine makes it), so only Standard names collide.
    if (machine.type === 'STANDARD') {
      const existing = this.registry.executions.get(arn(this.settings.scope, 'execution', machine.name, name));
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === inputText && existing.testCase === testCase) return existing;
        throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.arn}'`);
      }
    }
    const mock = testCase === undefined ? undefined : this.mockResolver(machine, testCase);
    // The machine's type gives the execution AWS's Express limits: five minutes, no history quota.
    const execution = machine.machine.start(parsed.value, { ...this.runOptions(machine.name, machine.roleArn, name, mock), type: machine.type });
    const record: ExecutionRecord = {
      arn: execution.executionArn,
      machineArn: machine.arn,
      name,
      type: machine.type,
      definition: machine.definition,
      roleArn: machine.roleArn,
      input: inputText,
      startDate: execution.startDate.getTime(),
      ...(testCase !== undefined ? { testCase } : {}),
      status: 'RUNNING',
      done: Promise.resolve(),
    };
    this.registry.addExecution(record);
    this.follow(record, execution);
    return record;
  }

  /** Continues an execution saved by `--store` before a restart. */
  resume(saved: RestoredRecord, snapshot: ExecutionSnapshot): ExecutionRecord {
    const machine = new StateMachine(saved.definition);
    const machineName = saved.machineArn.split(':').pop()!;
    const mock = saved.testCase === undefined ? undefined : this.mockResolverFor(machineName, saved.testCase, machine.model);
    const execution = machine.resume(snapshot, { ...this.runOptions(machineName, saved.roleArn, saved.name, mock), type: saved.type });
    const record: ExecutionRecord = { ...saved, status: 'RUNNING', done: Promise.resolve() };
    this.registry.addExecution(record);
    this.follow(record, execution);
    return record;
  }

  private runOptions(machineName: string, roleArn: string, name: string, mock: TaskResolver | undefined): RunOptions {
    const { scope, runtime, handlers, virtualTime, log } = this.settings;
    return {
      runtime,
      name,
      context: { region: scope.region, accountId: scope.accountId, partition: scope.partition, stateMachineName: machineName, roleArn },
      resolvers: taskResolvers(handlers, mock, log),
      // One clock per execution: its waits skip ahead without waiting on other executions.
      ...(virtualTime ? { clock: new VirtualClock() } : {}),
    };
  }

  private mockResolver(machine: MachineRecord, testCase: string): TaskResolver {
    return this.mockResolverFor(machine.name, testCase, machine.machine.model);
  }

  private mockResolverFor(machineName: string, testCase: string, definition: unknown): TaskResolver {
    const config = this.settings.mockConfig;
    if (!config) throw validationError(`Test case '${testCase}' was requested, but the server has no mock config (start it with --mock-config FILE or SFN_MOCK_CONFIG)`);
    try {
      return config.resolver(machineName, testCase, definition);
    } catch (e) {
      if (e instanceof MockConfigError) throw validationError(e.message);
      throw e;
    }
  }

  /** Keeps the record in step with the execution, and tells the observer. */
  private follow(record: ExecutionRecord, execution: Execution): void {
    record.execution = execution;
    this.observer?.started(record, execution);
    record.done = execution.result.then((r) => this.finish(record, execution, r));
  }

  private finish(record: ExecutionRecord, execution: Execution, r: ExecutionResult): void {
    // Suspended by close(): it goes on after the next start, so it stays RUNNING.
    if (r.status === 'SUSPENDED') return;
    const history = execution.history;
    const last = history[history.length - 1];
    record.status = r.status;
    record.stopDate = last ? Date.parse(last.timestamp) : Date.now();
    if (r.status === 'SUCCEEDED') record.output = JSON.stringify(r.output) ?? 'null';
    if (r.error !== undefined) record.error = r.error;
    if (r.cause !== undefined) record.cause = r.cause;
    this.observer?.ended(record);
  }
}
