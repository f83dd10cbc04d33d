/** What `execution.mapRuns` shows of each Map Run: AWS's DescribeMapRun and its child executions. */
import type { HistoryEvent } from '../history.js';
import type { HistoryLog } from '../history-log.js';

/** Counts of items or child executions by status (DescribeMapRun's itemCounts / executionCounts). */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  aborted: number;
  total: number;
  /** Written by the ResultWriter. */
  resultsWritten: number;
}

/** One child workflow execution of a Map Run (STANDARD children only: AWS keeps no history of Express ones). */
export interface MapRunExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: Date;
  readonly stopDate: Date | undefined;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** The child's own history, ExecutionStarted to its end. */
  readonly history: readonly HistoryEvent[];
}

/** A Map Run as AWS describes it. */
export interface MapRun {
  readonly mapRunArn: string;
  /** The Map state's name. */
  readonly stateName: string;
  /** `Label`, or the state name. */
  readonly label: string;
  readonly executionType: 'STANDARD' | 'EXPRESS';
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: Date;
  readonly stopDate: Date | undefined;
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  readonly itemCounts: Readonly<MapRunCounts>;
  readonly executionCounts: Readonly<MapRunCounts>;
  /** STANDARD children in the order they started; empty for EXPRESS children. */
  readonly executions: readonly MapRunExecution[];
}

/** @internal the mutable record the runtime keeps. */
export class MapRunRecord implements MapRun {
  status: MapRun['status'] = 'RUNNING';
  stopDate: Date | undefined;
  readonly itemCounts: MapRunCounts = counts();
  readonly executionCounts: MapRunCounts = counts();
  readonly executions: ChildRecord[] = [];
  constructor(
    readonly mapRunArn: string,
    readonly stateName: string,
    readonly label: string,
    readonly executionType: 'STANDARD' | 'EXPRESS',
    readonly startDate: Date,
    readonly maxConcurrency: number,
    readonly toleratedFailureCount: number,
    readonly toleratedFailurePercentage: number,
  ) {}
}

/** @internal a child's record; its history is built from its log when read. */
export class ChildRecord implements MapRunExecution {
  status: MapRunExecution['status'] = 'RUNNING';
  stopDate: Date | undefined;
  output?: unknown;
  error?: string;
  cause?: string;
  constructor(
    readonly executionArn: string,
    readonly name: string,
    readonly startDate: Date,
    readonly input: unknown,
    private readonly log: HistoryLog,
  ) {}
  get history(): readonly HistoryEvent[] {
    return this.log.read();
  }
}

function counts(): MapRunCounts {
  return { pending: 0, running: 0, succeeded: 0, failed: 0, aborted: 0, total: 0, resultsWritten: 0 };
}
