/**
 * A Step Functions API endpoint on localhost (`asl-runtime serve`): the AWS JSON 1.0 protocol
 * over node:http, backed by the in-process engine. Point the AWS SDK, the AWS CLI or any tool
 * that speaks to Step Functions at its URL. There is no authentication: it listens on loopback
 * unless told otherwise.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { Runtime } from '../tasks/hub.js';
import { loadMockConfig, type MockConfig } from '../testing/mock-config.js';
import type { ServerContext } from './context.js';
import { registerForNesting } from './actions/machines.js';
import { loadHandlersModule } from './handlers-module.js';
import { handle } from './http.js';
import { Launcher } from './launcher.js';
import { Persistence } from './persistence.js';
import { Registry } from './registry.js';
import { settled } from './settle.js';
import type { Handlers } from './task-resolvers.js';

export type { Handlers } from './task-resolvers.js';

/** Options of {@link startServer} (and of `asl-runtime serve`). */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 8083 (Step Functions Local's). */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1: nothing else can reach the server, which has no authentication. */
  host?: string;
  /** Task handlers and Lambda code, or the path of an ES module exporting `handlers` and/or `lambdas`. */
  handlers?: Handlers | string;
  /** A Step Functions Local mock config: a loaded one, the parsed file, or its path. Selected by `StateMachineArn#TestCase`. */
  mockConfig?: MockConfig | object | string;
  /** A directory where machines, activities and executions are kept across restarts. */
  store?: string;
  /** Run every execution on its own VirtualClock: Waits and retry backoff take no real time. */
  virtualTime?: boolean;
  /** Region and account in every ARN. Default us-east-1 and 123456789012 (Step Functions Local's). */
  region?: string;
  accountId?: string;
  /** How long GetActivityTask waits for a task before answering with none. Default 60 (AWS). */
  activityPollSeconds?: number;
  /** Where the server's log lines go. Default: standard error. */
  log?: (line: string) => void;
}

/** A started server. */
export interface RunningServer {
  /** `http://host:port`, for `new SFNClient({ endpoint: url })` or `aws --endpoint-url`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /**
   * Stops listening and ends open connections. With a store, running executions are
   * suspended and saved (resumed at the next start); without one, they are stopped.
   */
  close(): Promise<void>;
}

/**
 * Starts the endpoint and resolves once it listens.
 * @throws Error when the handlers module, the mock config or the store cannot be loaded, or the port is taken.
 * @example
 * const server = await startServer({ port: 0, handlers: { lambdas: { greet: async (e) => ({ hi: e.name }) } } });
 * const client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * // … then await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`asl-runtime serve: ${line}\n`));
  const handlers = typeof options.handlers === 'string' ? await loadHandlersModule(options.handlers) : (options.handlers ?? {});
  const mockConfig = await mockConfigOf(options.mockConfig);
  const scope = { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '123456789012', partition: 'aws' };
  if (!/^\d{12}$/.test(scope.accountId)) throw new Error(`accountId must be 12 digits, got '${scope.accountId}'`);
  const registry = new Registry();
  const runtime = new Runtime();
  const launcher = new Launcher(registry, { scope, runtime, handlers, mockConfig, virtualTime: options.virtualTime === true, log });
  const persistence = options.store === undefined ? undefined : new Persistence(options.store, registry, log);
  const ctx: ServerContext = {
    registry,
    launcher,
    scope,
    runtime,
    handlers,
    activityPollMs: (options.activityPollSeconds ?? 60) * 1000,
    store: persistence,
    log,
  };
  if (persistence) {
    launcher.observer = persistence;
    await persistence.restore(launcher, (arn) => registerForNesting(ctx, arn));
  }

  const server = createServer((req, res) => void handle(req, res, ctx));
  // Long polls (GetActivityTask) outlast Node's default request timeouts.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8083, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        for (const record of registry.executions.values()) {
          if (record.status !== 'RUNNING' || !record.execution) continue;
          if (!(persistence && (await persistence.suspend(record)))) record.execution.stop({ error: 'States.Aborted', cause: 'The server was closed.' });
        }
        await settled(Promise.allSettled([...registry.executions.values()].map((r) => r.done)));
        await persistence?.flush();
      })()),
  };
}

async function mockConfigOf(given: ServerOptions['mockConfig']): Promise<MockConfig | undefined> {
  if (given === undefined) return undefined;
  if (typeof given === 'string') {
    let text: string;
    try {
      text = await readFile(given, 'utf8');
    } catch (e) {
      throw new Error(`cannot read the mock config '${given}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    return loadMockConfig(text);
  }
  if ('resolver' in given && typeof (given as MockConfig).resolver === 'function') return given as MockConfig;
  return loadMockConfig(given);
}
