/** The shared suite through RemoteStateMachine and the AWS SDK, against `serve`. */
import { afterAll, describe, expect, it } from 'vitest';
import { RemoteStateMachine, startServer } from '../../src/remote/index.js';
import { clientFor } from '../server/helpers.js';
import { handlers, lambdas, machineSuite } from './machine-suite.js';

const server = await startServer({ port: 0, handlers: { lambdas, handlers }, virtualTime: true, log: () => {} });
const client = clientFor(server.url);
afterAll(async () => {
  client.destroy();
  await server.close();
});

machineSuite('remote', (name, definition) => RemoteStateMachine.create(client, definition, { name }));

describe('RemoteStateMachine specifics', () => {
  it('runs an EXPRESS machine through StartSyncExecution', async () => {
    const m = await RemoteStateMachine.create(client, { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': '$.v' }, End: true } } }, { name: 'ExpressRemote', type: 'EXPRESS' });
    const e = await m.start({ v: 3 });
    expect(e.executionArn).toContain(':express:ExpressRemote:');
    expect(await e.result).toEqual({ status: 'SUCCEEDED', output: { v: 3 } });
  });

  it('finds the type of a machine it did not create, and throws the service errors by name', async () => {
    const created = await RemoteStateMachine.create(client, { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { name: 'ByArn' });
    const m = new RemoteStateMachine(client, created.stateMachineArn);
    expect(await m.run({ a: 1 }, { name: 'one' })).toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
    await expect(m.start({ a: 2 }, { name: 'one' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(m.result('arn:aws:states:us-east-1:123456789012:execution:ByArn:none')).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});
