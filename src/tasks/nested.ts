import { parseResource } from '../definition/resource.js';
import { StatesError } from '../errors.js';
import type { ChildExecution } from './hub.js';
import { onAbort } from '../runtime/abort.js';
import { executionSources } from './sources.js';
import type { ResolvedTask, TaskResolver } from './types.js';


interface StartParams {
  StateMachineArn?: unknown;
  Input?: unknown;
  Name?: unknown;
}

/**
 * Nested executions (`arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]`)
 * of machines registered on the execution's Runtime. Fire-and-forget returns the new
 * execution's ARN and start date; `.sync` waits and returns DescribeExecution's shape, with
 * Input/Output as JSON text (`.sync`) or as JSON (`.sync:2`).
 */
export const nestedExecutionResolver: TaskResolver = {
  resolve({ resource }) {
    const r = parseResource(resource);
    if (r.kind !== 'integration' || r.service !== 'states' || r.operation !== 'startExecution') return undefined;
    const mode = r.pattern === 'request-response' ? '' : `.${r.pattern}`;
    const task: ResolvedTask = {
      async invoke(input, ctx) {
        const p = (input ?? {}) as StartParams;
        if (typeof p.StateMachineArn !== 'string') {
          throw new StatesError('States.Runtime', `The parameters of the Task state '${ctx.stateName}' must include StateMachineArn.`);
        }
        const machine = ctx.runtime.findMachine(p.StateMachineArn);
        if (!machine) {
          throw new StatesError(
            'StepFunctions.StateMachineDoesNotExistException',
            `State Machine Does Not Exist: '${p.StateMachineArn}'. Register it with runtime.register(arnOrName, machine) and pass the runtime to start().`,
          );
        }
        const childInput = typeof p.Input === 'string' ? parseInput(p.Input) : (p.Input ?? {});
        // A cancelled parent starts no child.
        if (ctx.signal.aborted) throw ctx.signal.reason;
        // The child lives on the parent's clock and sources: under a VirtualClock its waits are
        // virtual too, and a seeded parent gives a seeded child.
        const sources = executionSources.get(ctx);
        const child = machine.start(childInput, {
          runtime: ctx.runtime,
          clock: ctx.clock,
          ...(sources ? { random: sources.random, uuid: sources.uuid } : {}),
          ...(typeof p.Name === 'string' ? { name: p.Name } : {}),
        });
        const started = { ExecutionArn: child.executionArn, StartDate: child.startDate.getTime() };
        if (!mode.startsWith('.sync')) return started;
        ctx.submitted(started);
        const unlink = onAbort(ctx.signal, () => child.stop({ error: 'States.Aborted', cause: 'The parent execution stopped.' }));
        const result = await child.result;
        unlink();
        const described = describe(child.executionArn, child.name, p.StateMachineArn, childInput, result, started.StartDate, ctx.clock.now(), mode === '.sync:2');
        if (result.status !== 'SUCCEEDED') {
          throw new StatesError('States.TaskFailed', JSON.stringify(described));
        }
        return described;
      },
    };
    return task;
  },
};

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StatesError('StepFunctions.InvalidExecutionInputException', 'Invalid execution input: the Input string is not JSON.');
  }
}

function describe(arn: string, name: string, machineArn: string, input: unknown, r: Awaited<ChildExecution['result']>, start: number, stop: number, asJson: boolean) {
  const out: Record<string, unknown> = {
    ExecutionArn: arn,
    Input: asJson ? input : JSON.stringify(input),
    InputDetails: { Included: true },
    Name: name,
    RedriveCount: 0,
    StartDate: start,
    StateMachineArn: machineArn,
    Status: r.status,
    StopDate: stop,
  };
  if (r.status === 'SUCCEEDED') {
    out.Output = asJson ? r.output : JSON.stringify(r.output);
    out.OutputDetails = { Included: true };
  } else {
    if (r.error) out.Error = r.error;
    if (r.cause) out.Cause = r.cause;
  }
  return out;
}
