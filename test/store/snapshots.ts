import { SNAPSHOT_FORMAT, type ExecutionSnapshot } from '../../src/runtime/snapshot.js';

export const ARN = 'arn:aws:states:us-east-1:123456789012:execution:Approval:order-42';

/** A hand-built snapshot of an execution waiting on a callback (`.waitForTaskToken`). */
export function snapshot(overrides: Partial<ExecutionSnapshot> = {}): ExecutionSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    definitionHash: 'a'.repeat(64),
    executionArn: ARN,
    name: 'order-42',
    startTime: '2026-01-01T00:00:00.000Z',
    input: { orderId: 42, amount: 99.5 },
    context: { region: 'us-east-1', account: '123456789012', stateMachineName: 'Approval' },
    events: [
      {
        id: 1,
        previousEventId: 0,
        timestamp: '2026-01-01T00:00:00.000Z',
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{"orderId":42,"amount":99.5}', inputDetails: { truncated: false } },
      },
      {
        id: 2,
        previousEventId: 0,
        timestamp: '2026-01-01T00:00:00.000Z',
        type: 'TaskStateEntered',
        stateEnteredEventDetails: { name: 'AskApproval', input: '{"orderId":42,"amount":99.5}' },
      },
      {
        id: 3,
        previousEventId: 2,
        timestamp: '2026-01-01T00:00:00.001Z',
        type: 'TaskScheduled',
        taskScheduledEventDetails: { resource: 'invoke.waitForTaskToken', resourceType: 'lambda', region: 'us-east-1', parameters: '{}' },
      },
    ],
    threads: ['', '', ''],
    journal: { '/0': 'c0ffee' },
    taskTokens: ['token-1'],
    version: 3,
    ...overrides,
  };
}

/** The same execution later: the token was answered and it waits on a second approval. */
export function later(base: ExecutionSnapshot = snapshot(), taskTokens: string[] = ['token-2']): ExecutionSnapshot {
  return {
    ...base,
    events: [
      ...base.events,
      {
        id: base.events.length + 1,
        previousEventId: base.events.length,
        timestamp: '2026-01-01T01:00:00.000Z',
        type: 'TaskSucceeded',
        taskSucceededEventDetails: { resource: 'invoke.waitForTaskToken', resourceType: 'lambda', output: '{"approved":true}' },
      },
    ],
    threads: [...base.threads, ''],
    taskTokens,
    version: base.version + 1,
  };
}
