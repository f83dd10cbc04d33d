import { StateMachine, VirtualClock, type RunOptions } from '../src/index.js';

/** Runs a definition to its end on a virtual clock and returns the result and event types. */
export async function run(definition: object, input?: unknown, options: RunOptions = {}) {
  const machine = new StateMachine(definition);
  const execution = machine.start(input, { clock: new VirtualClock('2024-01-01T00:00:00Z'), ...options });
  const result = await execution.result;
  return { ...result, execution, types: execution.history.map((e) => e.type) };
}

/** A one-state machine around `state`, named S. */
export function single(state: object): object {
  return { StartAt: 'S', States: { S: { ...state, End: (state as { Type: string }).Type === 'Fail' || (state as { Type: string }).Type === 'Succeed' || (state as { Type: string }).Type === 'Choice' ? undefined : true } } };
}
