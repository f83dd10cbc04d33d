#!/usr/bin/env node
// Order approval across two "processes": the first starts the execution and saves it while it
// waits for a manager; the second receives the manager's answer, finds the execution by its
// task token, resumes it and finishes it. (Both halves run here in turn; each could be a
// separate Lambda invocation or job sharing the store directory or a database.)
//
//   node examples/order-approval/run.mjs [approve|reject]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateMachine } from '../../dist/index.js';
import { FileExecutionStore } from '../../dist/node.js';
import { approvalInbox } from './approvals.mjs';

const definition = readFileSync(new URL('./state-machine.asl.json', import.meta.url), 'utf8');
const decision = process.argv[2] ?? 'approve';
const store = new FileExecutionStore(mkdtempSync(join(tmpdir(), 'approvals-')));

// Process 1: start, publish the approval request, save the waiting execution.
const inbox = approvalInbox();
const machine = new StateMachine(definition, { handlers: inbox.handlers });
const execution = machine.start({ orderId: 'A-7', amount: 2500 });
while (inbox.messages.length === 0) await new Promise((r) => setImmediate(r));
const { taskToken } = inbox.messages[0];
await store.save(execution.suspend());
console.log(`process 1: order A-7 waits for approval; saved ${execution.executionArn}`);

// Process 2: the manager answers; find the execution by token, resume, answer, finish.
const stored = await store.findByTaskToken(taskToken);
const resumed = new StateMachine(definition, { handlers: approvalInbox().handlers }).resume(stored.snapshot);
if (decision === 'approve') resumed.sendTaskSuccess(taskToken, { by: 'manager@example.com' });
else resumed.sendTaskFailure(taskToken, 'Rejected', 'Budget exceeded');
const result = await resumed.result;
await store.delete(stored.snapshot.executionArn, { expectedVersion: stored.version });
console.log(`process 2: ${result.status}`, JSON.stringify(result.output));
