import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';

export const ROLE = 'arn:aws:iam::123456789012:role/StepFunctionsRole';

/** An SDK client for a local endpoint: dummy credentials, no `sync-` host prefix, no retries (errors surface at once). */
export function clientFor(url: string): SFNClient {
  return new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

/** Starts a server on a free loopback port for the current test file; closed after it. Log lines are collected. */
export async function serve(options: ServerOptions = {}): Promise<{ server: RunningServer; client: SFNClient; logs: string[] }> {
  const logs: string[] = [];
  const server = await startServer({ port: 0, log: (l) => logs.push(l), ...options });
  const client = clientFor(server.url);
  afterAll(async () => {
    client.destroy();
    await server.close();
  });
  return { server, client, logs };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

/** Polls `check` until it returns a value (not undefined); gives up after `tries` polls. */
export async function until<T>(check: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

/** History events without what differs between two runs (times, ARNs, request ids). */
export function comparable(events: readonly Record<string, unknown>[]): unknown[] {
  return events.map((e) => {
    const { timestamp: _t, ...rest } = e;
    return JSON.parse(JSON.stringify(rest).replace(/arn:aws:states:[^"\\]*/g, 'ARN').replace(/arn:aws:iam::[^"\\]*/g, 'ROLE').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID'));
  });
}
