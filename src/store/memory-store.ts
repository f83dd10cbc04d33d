/** An in-memory {@link ExecutionStore}: the default, for one process and for tests. */
import type { ExecutionSnapshot } from '../runtime/snapshot.js';
import { StoreConflictError } from './errors.js';
import {
  checkSnapshot,
  checkString,
  expectedVersionOf,
  serializeSnapshot,
  uniqueTokens,
  type ExecutionStore,
  type StoredExecution,
  type WriteOptions,
} from './execution-store.js';

interface Entry {
  readonly version: number;
  /** The snapshot's JSON: every load parses a fresh copy. */
  readonly json: string;
  readonly taskTokens: readonly string[];
}

/**
 * An {@link ExecutionStore} in this process's memory. Snapshots are stored as JSON text, so a
 * caller can mutate neither what it saved nor what it loaded, and what comes back is what a
 * durable store would return. Each operation completes atomically (no await inside), so
 * concurrent writers in one process get the same compare-and-swap behaviour as across
 * processes with {@link FileExecutionStore}. Everything is lost when the process exits.
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly executions = new Map<string, Entry>();
  private readonly tokens = new Map<string, string>();

  /** {@inheritDoc ExecutionStore.save} */
  async save(snapshot: ExecutionSnapshot, options?: WriteOptions): Promise<number> {
    checkSnapshot(snapshot, 'save');
    const expected = expectedVersionOf(options, 'save');
    const json = serializeSnapshot(snapshot, 'save');
    const arn = snapshot.executionArn;
    const current = this.executions.get(arn);
    if (current?.version !== expected) throw new StoreConflictError(arn, expected, current?.version);
    const version = (current?.version ?? 0) + 1;
    const taskTokens = uniqueTokens(snapshot);
    if (current) this.unindex(arn, current.taskTokens);
    for (const token of taskTokens) this.tokens.set(token, arn);
    this.executions.set(arn, { version, json, taskTokens });
    return version;
  }

  /** {@inheritDoc ExecutionStore.load} */
  async load(executionArn: string): Promise<StoredExecution | undefined> {
    checkString(executionArn, 'executionArn', 'load');
    return this.copy(executionArn);
  }

  /** {@inheritDoc ExecutionStore.findByTaskToken} */
  async findByTaskToken(taskToken: string): Promise<StoredExecution | undefined> {
    checkString(taskToken, 'taskToken', 'findByTaskToken');
    const arn = this.tokens.get(taskToken);
    return arn === undefined ? undefined : this.copy(arn);
  }

  /** {@inheritDoc ExecutionStore.delete} */
  async delete(executionArn: string, options?: WriteOptions): Promise<void> {
    checkString(executionArn, 'executionArn', 'delete');
    const expected = expectedVersionOf(options, 'delete');
    const current = this.executions.get(executionArn);
    if (expected !== undefined && current?.version !== expected) {
      throw new StoreConflictError(executionArn, expected, current?.version);
    }
    if (!current) return;
    this.unindex(executionArn, current.taskTokens);
    this.executions.delete(executionArn);
  }

  private copy(arn: string): StoredExecution | undefined {
    const entry = this.executions.get(arn);
    if (!entry) return undefined;
    return { snapshot: JSON.parse(entry.json) as ExecutionSnapshot, version: entry.version };
  }

  private unindex(arn: string, taskTokens: readonly string[]): void {
    for (const token of taskTokens) if (this.tokens.get(token) === arn) this.tokens.delete(token);
  }
}
