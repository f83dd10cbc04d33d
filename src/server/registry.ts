/**
 * The server's in-memory state: state machines, executions and activities, looked up by ARN
 * with AWS's "does not exist" errors. Executions are started by {@link Launcher}; this file
 * only keeps and finds records.
 */
import type { Execution } from '../runtime/execution.js';
import type { HistoryEvent } from '../runtime/history.js';
import type { StateMachine } from '../runtime/state-machine.js';
import { parseArn } from './arns.js';
import { ApiError } from './protocol.js';

export type MachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatusName = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A state machine as CreateStateMachine made it (and UpdateStateMachine changed it). */
export interface MachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: MachineType;
  readonly creationDate: number;
  definition: string;
  roleArn: string;
  updateDate?: number;
  revisionId: string;
  /** The compiled current definition; running executions keep the one they started with. */
  machine: StateMachine;
}

/** One execution: live while it runs, its outcome and history once it ended. */
export interface ExecutionRecord {
  readonly arn: string;
  readonly machineArn: string;
  readonly name: string;
  readonly type: MachineType;
  /** The definition the execution runs (a later UpdateStateMachine does not change it). */
  readonly definition: string;
  readonly roleArn: string;
  readonly input: string;
  readonly startDate: number;
  /** The mock-config test case it was started with (`StateMachineArn#TestCase`). */
  readonly testCase?: string;
  status: ExecutionStatusName;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** The running execution (absent for an execution restored from the store after it ended). */
  execution?: Execution;
  /** History of an execution restored after it ended. */
  events?: readonly HistoryEvent[];
  /** Resolves once the execution has ended and its record is final. */
  done: Promise<void>;
}

/** An activity as CreateActivity made it. */
export interface ActivityRecord {
  readonly arn: string;
  readonly name: string;
  readonly creationDate: number;
}

/** Machines, executions and activities by ARN. */
export class Registry {
  readonly machines = new Map<string, MachineRecord>();
  readonly executions = new Map<string, ExecutionRecord>();
  /** Executions of each machine ARN, oldest first. */
  readonly byMachine = new Map<string, ExecutionRecord[]>();
  readonly activities = new Map<string, ActivityRecord>();

  /** The machine with this ARN, or `StateMachineDoesNotExist`. */
  machine(arnText: string): MachineRecord {
    parseArn(arnText, ['stateMachine']);
    const m = this.machines.get(arnText);
    if (!m) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arnText}'`);
    return m;
  }

  /** The execution with this ARN, or `ExecutionDoesNotExist`. */
  execution(arnText: string): ExecutionRecord {
    parseArn(arnText, ['execution', 'express']);
    const e = this.executions.get(arnText);
    if (!e) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arnText}'`);
    return e;
  }

  /** The activity with this ARN, or `ActivityDoesNotExist`. */
  activity(arnText: string): ActivityRecord {
    parseArn(arnText, ['activity']);
    const a = this.activities.get(arnText);
    if (!a) throw new ApiError('ActivityDoesNotExist', `Activity Does Not Exist: '${arnText}'`);
    return a;
  }

  /** Adds an execution record to the indexes. */
  addExecution(record: ExecutionRecord): void {
    this.executions.set(record.arn, record);
    let list = this.byMachine.get(record.machineArn);
    if (!list) this.byMachine.set(record.machineArn, (list = []));
    list.push(record);
  }

  /** The history of an execution: live, or as restored. */
  history(record: ExecutionRecord): readonly HistoryEvent[] {
    return record.execution?.history ?? record.events ?? [];
  }
}
