/** What every action handler gets: the registry, the launcher and the server's settings. */
import type { Runtime } from '../tasks/hub.js';
import type { Scope } from './arns.js';
import type { Launcher } from './launcher.js';
import type { Body } from './params.js';
import type { Registry } from './registry.js';
import type { Handlers } from './task-resolvers.js';

/** Persistence of machines and activities (`--store`); executions are followed by the launcher. */
export interface ResourceStore {
  saveMachine(arn: string): void;
  deleteMachine(arn: string): void;
  saveActivity(arn: string): void;
  deleteActivity(arn: string): void;
}

export interface ServerContext {
  readonly registry: Registry;
  readonly launcher: Launcher;
  readonly scope: Scope;
  readonly runtime: Runtime;
  readonly handlers: Handlers;
  /** How long GetActivityTask waits for a task before answering with no task (AWS: 60 s). */
  readonly activityPollMs: number;
  readonly store: ResourceStore | undefined;
  readonly log: (line: string) => void;
}

/** One API action: the request body in, the response body out. `signal` fires if the client goes away. */
export type Action = (body: Body, ctx: ServerContext, signal: AbortSignal) => object | Promise<object>;
