/** The shared suite through RemoteStateMachine and the AWS SDK, against `serve`. */
import { afterAll } from 'vitest';
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
