import type { TaskContext } from './types.js';

/** The random and id sources of the execution a task runs in. */
export interface ExecutionSources {
  readonly random: () => number;
  readonly uuid: () => string;
}

/**
 * The sources behind each handler context, kept off the public TaskContext: nested executions
 * inherit them (with the context's clock), so a child under a seeded, virtual-time parent is
 * seeded and virtual too.
 */
export const executionSources = new WeakMap<TaskContext, ExecutionSources>();
