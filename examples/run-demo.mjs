#!/usr/bin/env node
// `npm run demo`: runs the order-fulfilment example on a virtual clock (the one-hour Wait and
// any retry backoff take no real time) and prints each state as it finishes, then the output.
import { readFileSync } from 'node:fs';
import { StateMachine, VirtualClock } from '../dist/index.js';
import { handlers, lambdas, sampleOrder } from './order-fulfilment/handlers.mjs';

const definition = readFileSync(new URL('./order-fulfilment/state-machine.asl.json', import.meta.url), 'utf8');
const machine = new StateMachine(definition, { lambdas, handlers: handlers() });
const execution = machine.start(sampleOrder, { clock: new VirtualClock('2024-06-01T09:00:00Z'), name: 'demo' });

const entered = new Map();
execution.on('event', (event) => {
  const entry = event.stateEnteredEventDetails;
  const exit = event.stateExitedEventDetails;
  if (entry) entered.set(entry.name, event.timestamp);
  if (exit) console.log(`${event.timestamp}  ${event.type.replace('StateExited', '').padEnd(8)} ${exit.name}`);
  if (event.type === 'FailStateEntered') console.log(`${event.timestamp}  Fail     ${entry?.name ?? ''}`);
});

const result = await execution.result;
console.log(`\nstatus: ${result.status}`);
console.log(result.status === 'SUCCEEDED' ? `output: ${JSON.stringify(result.output, null, 2)}` : `error: ${result.error}\ncause: ${result.cause}`);
process.exitCode = result.status === 'SUCCEEDED' ? 0 : 1;
