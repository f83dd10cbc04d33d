// Runners for the real workflows (real-workflows.mjs): one per engine, each returning the outcome
// as { status, output } or { status, error, cause }, so one check serves both.
import { handlerOf, makeRealHandlers } from './real-workflows.mjs';

/** Every Task state of a definition, nested ones included: [state name, state]. */
function* taskStates(machine) {
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Type === 'Task') yield [name, state];
    for (const branch of state.Branches ?? []) yield* taskStates(branch);
    if (state.ItemProcessor) yield* taskStates(state.ItemProcessor);
  }
}

/** Every state name of a given type, nested ones included. */
function* statesOfType(machine, type, key) {
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Type === type || (key && state[key])) yield name;
    for (const branch of state.Branches ?? []) yield* statesOfType(branch, type, key);
    if (state.ItemProcessor) yield* statesOfType(state.ItemProcessor, type, key);
  }
}

/**
 * asl-runtime: handlers by Resource ARN, a VirtualClock per run so that Wait and Retry intervals
 * take no real time (as in a unit test).
 */
export function aslRealRunner({ StateMachine, VirtualClock }, workflow) {
  const all = makeRealHandlers();
  const handlers = {};
  for (const [, state] of taskStates(workflow.definition)) handlers[state.Resource] = all[handlerOf(state.Resource)];
  const machine = new StateMachine(workflow.definition);
  return async () => {
    const r = await machine.run(workflow.input, { handlers, clock: new VirtualClock(0) });
    return r.status === 'SUCCEEDED' ? { status: r.status, output: r.output } : { status: r.status, error: r.error, cause: r.cause };
  };
}

/** aws-local-stepfunctions: handlers by state name, Wait states and retry intervals overridden to 0 ms. */
export function peerRealRunner(PeerMachine, workflow) {
  const all = makeRealHandlers();
  const taskResourceLocalHandlers = {};
  for (const [name, state] of taskStates(workflow.definition)) taskResourceLocalHandlers[name] = all[handlerOf(state.Resource)];
  const waitTimeOverrides = Object.fromEntries([...statesOfType(workflow.definition, 'Wait')].map((n) => [n, 0]));
  const retryIntervalOverrides = Object.fromEntries([...statesOfType(workflow.definition, '', 'Retry')].map((n) => [n, 0]));
  const machine = new PeerMachine(workflow.definition, { validationOptions: { noValidate: true } });
  const overrides = { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides };
  return async () => {
    try {
      return { status: 'SUCCEEDED', output: await machine.run(workflow.input, { overrides }).result };
    } catch (e) {
      // The peer rejects with an ExecutionError whose cause is the state's error.
      const inner = e?.getRawCause?.() ?? e?.cause ?? e;
      return { status: 'FAILED', error: inner?.name, cause: inner?.message };
    }
  };
}
