/** CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine, ListStateMachines. */
import { randomUUID } from 'node:crypto';
import type { StartableMachine } from '../../tasks/hub.js';
import { StatesError } from '../../errors.js';
import { arn, parseArn } from '../arns.js';
import type { Action, ServerContext } from '../context.js';
import { compileDefinition } from '../definition.js';
import { checkName, oneOf, optional, page, required, type Body } from '../params.js';
import { ApiError, epochSeconds, validationError } from '../protocol.js';
import type { MachineRecord } from '../registry.js';

const MAX_DEFINITION = 1_048_576;
const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/.+$/;

function roleArnOf(body: Body, isRequired: boolean): string | undefined {
  const v = isRequired ? required(body, 'roleArn') : optional(body, 'roleArn');
  if (v !== undefined && !ROLE_ARN.test(v)) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${v}'`);
  return v;
}

/** Lets nested executions (`states:startExecution`) start this machine through the server, so they are listed too. */
export function registerForNesting(ctx: ServerContext, machineArn: string): void {
  const startable: StartableMachine = {
    start(input, options) {
      const m = ctx.registry.machines.get(machineArn);
      if (!m) throw new StatesError('StepFunctions.StateMachineDoesNotExistException', `State Machine Does Not Exist: '${machineArn}'`);
      try {
        return ctx.launcher.start(m, JSON.stringify(input ?? {}), options?.name).execution!;
      } catch (e) {
        // The task fails with the service error as Step Functions' own integration names it.
        if (e instanceof ApiError) throw new StatesError(`StepFunctions.${e.name}Exception`, e.message);
        throw e;
      }
    },
  };
  ctx.runtime.register(machineArn, startable);
}

export const createStateMachine: Action = (body, ctx) => {
  const name = checkName(required(body, 'name', 80), 'State machine');
  const definition = required(body, 'definition', MAX_DEFINITION);
  const roleArn = roleArnOf(body, true)!;
  const type = oneOf(body, 'type', ['STANDARD', 'EXPRESS'] as const) ?? 'STANDARD';
  const stateMachineArn = arn(ctx.scope, 'stateMachine', name);
  const existing = ctx.registry.machines.get(stateMachineArn);
  if (existing) {
    // Idempotent on name, definition and type; roleArn and tags differences are ignored (AWS).
    if (existing.definition === definition && existing.type === type) return { stateMachineArn, creationDate: epochSeconds(existing.creationDate) };
    throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${stateMachineArn}'`);
  }
  const machine = compileDefinition(definition, type);
  const record: MachineRecord = { arn: stateMachineArn, name, type, creationDate: Date.now(), definition, roleArn, revisionId: randomUUID(), machine };
  ctx.registry.machines.set(stateMachineArn, record);
  registerForNesting(ctx, stateMachineArn);
  ctx.store?.saveMachine(stateMachineArn);
  return { stateMachineArn, creationDate: epochSeconds(record.creationDate) };
};

/** DescribeStateMachine's shape, also used by DescribeStateMachineForExecution. */
export function describeMachine(m: MachineRecord, definition = m.definition): Record<string, unknown> {
  const out: Record<string, unknown> = {
    stateMachineArn: m.arn,
    name: m.name,
    status: 'ACTIVE',
    definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: epochSeconds(m.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
    revisionId: m.revisionId,
  };
  return out;
}

export const describeStateMachine: Action = (body, ctx) => describeMachine(ctx.registry.machine(required(body, 'stateMachineArn')));

export const updateStateMachine: Action = (body, ctx) => {
  const m = ctx.registry.machine(required(body, 'stateMachineArn'));
  const definition = optional(body, 'definition', MAX_DEFINITION);
  const roleArn = roleArnOf(body, false);
  if (definition === undefined && roleArn === undefined && body.loggingConfiguration === undefined && body.tracingConfiguration === undefined) {
    throw new ApiError('MissingRequiredParameter', 'Missing Required Parameter: at least one of definition, roleArn, loggingConfiguration or tracingConfiguration');
  }
  // Executions already running keep the definition they started with.
  if (definition !== undefined) {
    m.machine = compileDefinition(definition, m.type);
    m.definition = definition;
  }
  if (roleArn !== undefined) m.roleArn = roleArn;
  m.updateDate = Date.now();
  m.revisionId = randomUUID();
  ctx.store?.saveMachine(m.arn);
  return { updateDate: epochSeconds(m.updateDate), revisionId: m.revisionId };
};

export const deleteStateMachine: Action = (body, ctx) => {
  const stateMachineArn = required(body, 'stateMachineArn');
  // Running executions go on to their end (AWS marks the machine DELETING until then).
  parseArn(stateMachineArn, ['stateMachine']);
  // Deleting a machine that is gone already is not an error.
  if (ctx.registry.machines.delete(stateMachineArn)) ctx.store?.deleteMachine(stateMachineArn);
  return {};
};

export const listStateMachines: Action = (body, ctx) => {
  const all = [...ctx.registry.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { items, nextToken } = page(all, body, 'ListStateMachines');
  return {
    stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: epochSeconds(m.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
};

/** A StartExecution target: `StateMachineArn` or `StateMachineArn#TestCase` (Step Functions Local's mock selection). */
export function targetOf(body: Body, ctx: ServerContext): { machine: MachineRecord; testCase?: string } {
  const text = required(body, 'stateMachineArn', 2048);
  const hash = text.indexOf('#');
  if (hash < 0) return { machine: ctx.registry.machine(text) };
  const testCase = text.slice(hash + 1);
  if (!testCase) throw validationError(`The test case after '#' in '${text}' is empty`);
  return { machine: ctx.registry.machine(text.slice(0, hash)), testCase };
}
