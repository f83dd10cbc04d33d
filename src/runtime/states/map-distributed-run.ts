/**
 * A Distributed Map's Map Run at run time (compiled by ./map-distributed.ts, imported on its
 * first run): a bounded pool of child workflow executions fed by the item stream, each with its
 * own history, the tolerated-failure check and the ResultWriter. AWS: "Distributed Map state".
 */
import { StatesError, StatesErrors } from '../../errors.js';
import { linkedController } from '../abort.js';
import { executionContext, type Identity } from '../context.js';
import { Frame, type ExecutionEnv } from '../frame.js';
import type { FieldReader } from '../dataflow/field.js';
import { HistoryLog } from '../history-log.js';
import type { HistoryEventType } from '../history.js';
import { payloadDetails } from '../history.js';
import type { CompiledMachine } from '../machine.js';
import type { compileBatcher, WorkUnit } from './map-batcher.js';
import type { compileItemReader } from './map-reader.js';
import { ChildRecord, MapRunRecord } from './map-run.js';
import type { ChildResult, compileResultWriter } from './map-writer.js';
import { toStatesError } from './common.js';

/** AWS runs up to 10,000 child executions at once when MaxConcurrency is 0 or absent. */
const DEFAULT_CONCURRENCY = 10_000;

/** What the Map state has read for this attempt. */
export interface MapRunSettings {
  readonly maxConcurrency: number;
  readonly toleratedCount: number | undefined;
  readonly toleratedPct: number | undefined;
}

/** The parts of the Map state the run shares with the inline Map. */
export interface MapRunParts {
  /** ItemsPath / Items, when there is no ItemReader. */
  readonly items: FieldReader<unknown[]>;
  /** ItemSelector (or legacy Parameters). */
  readonly selector: FieldReader<unknown> | undefined;
}

export type MapRunner = (selected: unknown, raw: unknown, frame: Frame, settings: MapRunSettings) => Promise<unknown>;

/** A Distributed Map compiled: everything its run needs, read from the definition once. */
export interface MapRunPlan {
  readonly name: string;
  readonly label: string;
  readonly executionType: 'STANDARD' | 'EXPRESS';
  readonly processor: CompiledMachine;
  readonly parts: MapRunParts;
  readonly reader: ReturnType<typeof compileItemReader> | undefined;
  readonly batcher: ReturnType<typeof compileBatcher> | undefined;
  readonly writer: ReturnType<typeof compileResultWriter>;
}

/** Runs one Map Run of a compiled Distributed Map. */
export async function runMap(plan: MapRunPlan, selected: unknown, raw: unknown, frame: Frame, settings: MapRunSettings): Promise<unknown> {
  const { name, label, executionType, processor, parts, reader, batcher, writer } = plan;
  const env = frame.env;
  const store = env.objectStore;
  const id = frame.uuid();
  const machineName = `${env.identity.stateMachineName}/${label}`;
  const mapRunArn = `${env.identity.stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label}:${id}`;
  const concurrency = settings.maxConcurrency > 0 ? settings.maxConcurrency : DEFAULT_CONCURRENCY;
  // Neither threshold set: no failure is tolerated (AWS's default percentage is 0).
  const countLimit = settings.toleratedCount ?? (settings.toleratedPct === undefined ? 0 : undefined);
  const pctLimit = settings.toleratedPct;
  const run = new MapRunRecord(mapRunArn, name, label, executionType, new Date(env.clock.now()), settings.maxConcurrency, settings.toleratedCount ?? 0, settings.toleratedPct ?? 0);
  env.mapRuns.push(run);
  frame.emit('MapRunStarted', { mapRunArn });
  env.activity.mapRuns++;
  const { controller, unlink } = linkedController(frame.signal);
  const pool = new Pool(concurrency);
  /** One shared log for every EXPRESS child: nothing is kept, only ids handed out. */
  let discard: DiscardLog | undefined;
  let failedItems = 0;
  let readItems = 0;
  let readingDone = false;
  let exceeded = false;
  let firstError: unknown;
  const exceededNow = () =>
    (countLimit !== undefined && failedItems > countLimit) || (readingDone && pctLimit !== undefined && failedItems * 100 > pctLimit * readItems);
  const stopRun = (e: unknown) => {
    if (firstError === undefined) firstError = e;
    if (!controller.signal.aborted) controller.abort(e);
  };
  try {
    const sink = await writer(selected, raw, frame, store, mapRunArn);
    const childArn = (childName: string) => `${env.identity.stateMachineArn.replace(':stateMachine:', ':execution:')}/${label}:${childName}`;
    const childMachineArn = `${env.identity.stateMachineArn}/${label}`;

    const runChild = async (unit: WorkUnit, index: number): Promise<void> => {
      const childName = env.uuid();
      const arn = childArn(childName);
      const startMs = env.clock.now();
      const standard = executionType === 'STANDARD';
      const log = standard ? new HistoryLog(env.clock) : (discard ??= new DiscardLog(() => env.clock.now()));
      const identity: Identity = { ...env.identity, stateMachineName: machineName, stateMachineArn: childMachineArn, executionName: childName, executionArn: arn };
      const childEnv: ExecutionEnv = {
        ...env,
        history: log,
        identity,
        context: executionContext(identity, unit.input, new Date(startMs).toISOString(), 0),
        signal: controller.signal,
        journal: new Map(),
        activity: { inFlight: 0, mapRuns: 0, tokens: new Set() },
      };
      // Child executions cannot see the parent's variables (AWS: pass data through ItemSelector).
      const child = new Frame(childEnv, Object.create(null) as Record<string, unknown>, controller.signal, '');
      const record = standard ? new ChildRecord(arn, childName, new Date(startMs), unit.input, log) : undefined;
      if (record) run.executions.push(record);
      count(run, 'running', 1, unit.items);
      if (standard) {
        const json = JSON.stringify(unit.input) ?? 'null';
        child.emit('ExecutionStarted', env.includeData ? { input: json, inputDetails: payloadDetails(json), roleArn: identity.roleArn } : { roleArn: identity.roleArn });
        child.lastEventId = 0;
      }
      let result: ChildResult;
      try {
        const output = await processor.run(unit.input, child);
        result = { executionArn: arn, name: childName, stateMachineArn: childMachineArn, status: 'SUCCEEDED', input: unit.input, output, startMs, stopMs: env.clock.now(), standard };
        if (standard) {
          const json = JSON.stringify(output) ?? 'null';
          child.emit('ExecutionSucceeded', env.includeData ? { output: json, outputDetails: payloadDetails(json) } : {});
        }
      } catch (e) {
        const aborted = controller.signal.aborted;
        const err = e instanceof StatesError ? e : toStatesError(e, child);
        result = { executionArn: arn, name: childName, stateMachineArn: childMachineArn, status: aborted ? 'ABORTED' : 'FAILED', input: unit.input, error: err.error, cause: err.cause, startMs, stopMs: env.clock.now(), standard };
        if (standard) child.emit((aborted ? 'ExecutionAborted' : 'ExecutionFailed') satisfies HistoryEventType, { error: err.error, cause: err.cause });
      }
      if (record) {
        record.status = result.status;
        record.stopDate = new Date(result.stopMs);
        if (result.status === 'SUCCEEDED') record.output = result.output;
        else Object.assign(record, { error: result.error, cause: result.cause });
      }
      count(run, 'running', -1, -unit.items);
      const key = result.status === 'SUCCEEDED' ? 'succeeded' : result.status === 'FAILED' ? 'failed' : 'aborted';
      count(run, key, 1, unit.items);
      if (result.status === 'FAILED') {
        // A failed batch fails every item in it (AWS counts items against the threshold).
        failedItems += unit.items;
        if (!exceeded && exceededNow()) {
          exceeded = true;
          stopRun(new StatesError(StatesErrors.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded'));
        }
      }
      await sink.add(index, result);
      run.itemCounts.resultsWritten += unit.items;
      run.executionCounts.resultsWritten++;
    };

    // Items: the reader's stream, or the state's array.
    const source = reader
      ? await reader(selected, raw, frame, store)
      : { items: iterate(await parts.items(selected, raw, frame)), source: 'STATE_DATA' };
    const selector = parts.selector;
    const self = frame;
    async function* inputs(): AsyncGenerator<unknown> {
      let i = 0;
      for await (const item of source.items) {
        if (selector) {
          self.visit.mapItem = { Index: i, Value: item };
          try {
            yield await selector(selected, raw, self);
          } finally {
            self.visit.mapItem = undefined;
          }
        } else yield item;
        i++;
        readItems = i;
      }
    }
    const units: AsyncIterable<WorkUnit> = batcher ? (await batcher(selected, raw, frame))(inputs()) : single(inputs());
    let index = 0;
    for await (const unit of units) {
      if (controller.signal.aborted) break;
      run.itemCounts.total += unit.items;
      run.executionCounts.total++;
      await pool.slot(controller.signal);
      if (controller.signal.aborted) {
        pool.release();
        break;
      }
      const i = index++;
      void runChild(unit, i).then(
        () => pool.release(),
        (e: unknown) => {
          pool.release();
          stopRun(e);
        },
      );
    }
    readingDone = true;
    await pool.drain();
    if (!exceeded && firstError === undefined && exceededNow()) {
      exceeded = true;
      firstError = new StatesError(StatesErrors.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded');
    }
    // Results are written even when the run fails, as AWS does.
    const output = await sink.finish();
    if (frame.abort.aborted) throw frame.signal.reason;
    if (firstError !== undefined) throw firstError;
    run.status = 'SUCCEEDED';
    run.stopDate = new Date(env.clock.now());
    frame.emit('MapRunSucceeded');
    return output;
  } catch (e) {
    stopRun(e);
    await pool.drain();
    run.stopDate = new Date(env.clock.now());
    if (frame.abort.aborted) {
      run.status = 'ABORTED';
      frame.emit('MapRunAborted');
      throw e;
    }
    const err = e instanceof StatesError ? e : toStatesError(e, frame);
    run.status = 'FAILED';
    frame.emit('MapRunFailed', { error: err.error, cause: err.cause });
    throw err;
  } finally {
    env.activity.mapRuns--;
    unlink();
  }
}

function count(run: MapRunRecord, key: 'running' | 'succeeded' | 'failed' | 'aborted', executions: number, items: number): void {
  run.executionCounts[key] += executions;
  run.itemCounts[key] += items;
}

async function* iterate(items: readonly unknown[]): AsyncGenerator<unknown> {
  yield* items;
}

async function* single(inputs: AsyncIterable<unknown>): AsyncGenerator<WorkUnit> {
  for await (const input of inputs) yield { input, items: 1 };
}

/** At most `size` children at once; the reader waits for a free slot, so items are read as they are needed. */
class Pool {
  private running = 0;
  private waiting: (() => void)[] = [];
  private idle: (() => void)[] = [];
  constructor(private readonly size: number) {}

  slot(signal: AbortSignal): Promise<void> {
    if (this.running < this.size || signal.aborted) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.running++;
        resolve();
      });
    });
  }

  release(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) next();
    else if (this.running === 0) for (const f of this.idle.splice(0)) f();
  }

  /** Resolves when no child runs (waiters still queued are let through first). */
  drain(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }
}

/** An Express child's history: AWS keeps none, so events are counted, not stored. */
class DiscardLog extends HistoryLog {
  private n = 0;
  constructor(private readonly clockNow: () => number) {
    super(clockNow);
  }
  /** States read their entered time from their event: the clock's time. */
  override timestamp(): string {
    return new Date(this.clockNow()).toISOString();
  }
  override add(): number {
    return ++this.n;
  }
  override addState(): number {
    return ++this.n;
  }
  override addBuilt(): number {
    return ++this.n;
  }
}
