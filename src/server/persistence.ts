/**
 * `--store DIR`: machines, activities and executions survive a restart. Waiting executions are
 * saved as snapshots through a {@link FileExecutionStore} and resumed when the server starts;
 * finished ones keep their outcome and history.
 *
 * ```
 * DIR/machines/<sha256(arn)>.json     a state machine (definition, role, type, dates)
 * DIR/activities/<sha256(arn)>.json   an activity
 * DIR/records/<sha256(arn)>.json      an execution: what DescribeExecution shows, and the history once it ended
 * DIR/snapshots/                      the FileExecutionStore of running executions
 * ```
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AslUsageError } from '../errors.js';
import type { Execution } from '../runtime/execution.js';
import type { HistoryEvent } from '../runtime/history.js';
import type { ExecutionSnapshot } from '../runtime/snapshot.js';
import { FileExecutionStore } from '../store/file-store.js';
import type { ResourceStore } from './context.js';
import type { ExecutionObserver, Launcher, RestoredRecord } from './launcher.js';
import type { ActivityRecord, ExecutionRecord, ExecutionStatusName, MachineRecord, Registry } from './registry.js';
import { compileDefinition } from './definition.js';

type SavedMachine = Omit<MachineRecord, 'machine'>;
interface SavedExecution extends RestoredRecord {
  readonly status: ExecutionStatusName;
  /** The engine's execution ARN, under which the snapshot is stored. */
  readonly snapshotArn: string;
  readonly stopDate?: number;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly events?: readonly HistoryEvent[];
}

/** One queue of writes per execution, so a snapshot save never lands after the final delete. */
interface Tracked {
  chain: Promise<void>;
  scheduled: boolean;
  version: number | undefined;
  readonly snapshotArn: string;
}

export class Persistence implements ResourceStore, ExecutionObserver {
  private readonly snapshots: FileExecutionStore;
  private readonly tracked = new Map<string, Tracked>();
  private writes = new Set<Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly registry: Registry,
    private readonly log: (line: string) => void,
  ) {
    this.snapshots = new FileExecutionStore(path.join(dir, 'snapshots'));
  }

  /** Loads machines, activities and executions; resumes the executions that were waiting. */
  async restore(launcher: Launcher, onMachine: (arn: string) => void): Promise<void> {
    for (const m of await this.readAll<SavedMachine>('machines')) {
      try {
        this.registry.machines.set(m.arn, { ...m, machine: compileDefinition(m.definition, m.type) });
        onMachine(m.arn);
      } catch (e) {
        // A definition this version no longer accepts: the rest of the store still loads.
        this.log(`Store: state machine ${m.arn} was not loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    for (const a of await this.readAll<ActivityRecord>('activities')) this.registry.activities.set(a.arn, a);
    const saved = (await this.readAll<SavedExecution>('records')).sort((a, b) => a.startDate - b.startDate);
    for (const s of saved) {
      if (s.status !== 'RUNNING') {
        this.registry.addExecution({ ...s, done: Promise.resolve() });
        continue;
      }
      const { snapshotArn: _arn, status: _status, stopDate: _stop, output: _out, error: _err, cause: _cause, events: _events, ...base } = s;
      // It never reached a point where it could be saved (a task handler was running throughout).
      let problem = 'The server stopped before this execution could be saved; it cannot be resumed.';
      try {
        const stored = await this.snapshots.load(s.snapshotArn);
        if (stored) {
          this.tracked.set(s.arn, { chain: Promise.resolve(), scheduled: false, version: stored.version, snapshotArn: s.snapshotArn });
          launcher.resume(base, stored.snapshot);
          this.log(`Resumed ${s.arn}`);
          continue;
        }
      } catch (e) {
        this.tracked.delete(s.arn);
        problem = `The saved execution could not be resumed: ${e instanceof Error ? e.message : String(e)}`;
      }
      const record: ExecutionRecord = { ...base, status: 'FAILED', stopDate: Date.now(), error: 'States.Runtime', cause: problem, done: Promise.resolve() };
      this.registry.addExecution(record);
      this.ended(record);
    }
  }

  saveMachine(arn: string): void {
    const m = this.registry.machines.get(arn);
    if (!m) return;
    const { machine: _compiled, ...saved } = m;
    this.write(this.file('machines', arn), saved);
  }

  deleteMachine(arn: string): void {
    this.track(fs.rm(this.file('machines', arn), { force: true }));
  }

  saveActivity(arn: string): void {
    const a = this.registry.activities.get(arn);
    if (a) this.write(this.file('activities', arn), a);
  }

  deleteActivity(arn: string): void {
    this.track(fs.rm(this.file('activities', arn), { force: true }));
  }

  started(record: ExecutionRecord, execution: Execution): void {
    let t = this.tracked.get(record.arn);
    if (!t) {
      t = { chain: Promise.resolve(), scheduled: false, version: undefined, snapshotArn: execution.executionArn };
      this.tracked.set(record.arn, t);
      this.enqueue(t, () => this.writeNow(this.file('records', record.arn), this.saved(record, t!.snapshotArn)));
    }
    const tracked = t;
    // Saved after each burst of events: whenever no task handler is running, the snapshot can resume.
    execution.on('event', () => {
      if (tracked.scheduled) return;
      tracked.scheduled = true;
      setImmediate(() => {
        tracked.scheduled = false;
        this.enqueue(tracked, () => this.saveSnapshot(tracked, execution));
      });
    });
  }

  ended(record: ExecutionRecord): void {
    const t = this.tracked.get(record.arn) ?? { chain: Promise.resolve(), scheduled: false, version: undefined, snapshotArn: record.execution?.executionArn ?? record.arn };
    this.tracked.delete(record.arn);
    const events = record.execution?.history ?? record.events ?? [];
    this.enqueue(t, async () => {
      await this.writeNow(this.file('records', record.arn), { ...this.saved(record, t.snapshotArn), events });
      await this.snapshots.delete(t.snapshotArn);
    });
  }

  /** Suspends a running execution and saves it, for a resume at the next start (server close). */
  async suspend(record: ExecutionRecord): Promise<boolean> {
    const t = this.tracked.get(record.arn);
    const execution = record.execution;
    if (!t || !execution || execution.status !== 'RUNNING') return false;
    let snapshot: ExecutionSnapshot;
    try {
      snapshot = execution.suspend();
    } catch (e) {
      if (e instanceof AslUsageError) return false;
      throw e;
    }
    this.enqueue(t, () => this.putSnapshot(t, snapshot));
    return true;
  }

  /** Waits for every write in progress. */
  async flush(): Promise<void> {
    while (this.writes.size) await Promise.allSettled([...this.writes]);
  }

  private async saveSnapshot(t: Tracked, execution: Execution): Promise<void> {
    if (execution.status !== 'RUNNING') return;
    let snapshot: ExecutionSnapshot;
    try {
      snapshot = execution.snapshot();
    } catch (e) {
      // A task handler is running: the next event saves again.
      if (e instanceof AslUsageError) return;
      throw e;
    }
    await this.putSnapshot(t, snapshot);
  }

  private async putSnapshot(t: Tracked, snapshot: ExecutionSnapshot): Promise<void> {
    t.version = await this.snapshots.save(snapshot, t.version === undefined ? {} : { expectedVersion: t.version });
  }

  private saved(r: ExecutionRecord, snapshotArn: string): SavedExecution {
    const { done: _done, execution: _execution, events: _events, ...rest } = r;
    return { ...rest, snapshotArn };
  }

  private enqueue(t: Tracked, step: () => Promise<void>): void {
    t.chain = t.chain.then(step).catch((e: unknown) => this.log(`Store: ${e instanceof Error ? e.message : String(e)}`));
    this.track(t.chain);
  }

  private track(p: Promise<unknown>): void {
    const done: Promise<void> = p.then(
      () => undefined,
      (e: unknown) => this.log(`Store: ${e instanceof Error ? e.message : String(e)}`),
    );
    this.writes.add(done);
    void done.finally(() => this.writes.delete(done));
  }

  private file(kind: string, arn: string): string {
    return path.join(this.dir, kind, `${createHash('sha256').update(arn).digest('hex')}.json`);
  }

  private write(file: string, value: unknown): void {
    this.track(this.writeNow(file, value));
  }

  /** Write to a temporary file, then rename: a reader never sees half a file. */
  private async writeNow(file: string, value: unknown): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(value));
    await fs.rename(tmp, file);
  }

  private async readAll<T>(kind: string): Promise<T[]> {
    const dir = path.join(this.dir, kind);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: T[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      try {
        out.push(JSON.parse(text) as T);
      } catch {
        this.log(`Store: skipped ${path.join(dir, name)}, which is not JSON`);
      }
    }
    return out;
  }
}
