/**
 * StartExecution, StartSyncExecution, DescribeExecution, StopExecution, ListExecutions,
 * DescribeStateMachineForExecution.
 */
import type { Action } from '../context.js';
import { oneOf, optional, page, required } from '../params.js';
import { ApiError, epochSeconds } from '../protocol.js';
import type { ExecutionRecord } from '../registry.js';
import { settled } from '../settle.js';
import { describeMachine, targetOf } from './machines.js';

const MAX_INPUT = 262_144;

export const startExecution: Action = (body, ctx) => {
  const { machine, testCase } = targetOf(body, ctx);
  const input = optional(body, 'input', MAX_INPUT) ?? '{}';
  const record = ctx.launcher.start(machine, input, optional(body, 'name', 80), testCase);
  return { executionArn: record.arn, startDate: epochSeconds(record.startDate) };
};

/** StartSyncExecution: runs an EXPRESS execution to its end and answers with its outcome. */
export const startSyncExecution: Action = async (body, ctx) => {
  const { machine, testCase } = targetOf(body, ctx);
  if (machine.type !== 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', `This operation is not supported by this type of state machine: '${machine.arn}' is STANDARD`);
  const input = optional(body, 'input', MAX_INPUT) ?? '{}';
  const included = oneOf(body, 'includedData', ['ALL_DATA', 'METADATA_ONLY'] as const) ?? 'ALL_DATA';
  const record = ctx.launcher.start(machine, input, optional(body, 'name', 80), testCase);
  await record.done;
  const out = describe(record, included === 'ALL_DATA');
  delete out.redriveCount;
  delete out.redriveStatus;
  // Express workflows bill by duration and memory; reported in the same shape, measured locally.
  return { ...out, billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(((record.stopDate ?? record.startDate) - record.startDate) / 100) * 100) } };
};

/** DescribeExecution's shape. */
export function describe(r: ExecutionRecord, withData = true): Record<string, unknown> {
  const out: Record<string, unknown> = {
    executionArn: r.arn,
    stateMachineArn: r.machineArn,
    name: r.name,
    status: r.status,
    startDate: epochSeconds(r.startDate),
  };
  if (r.stopDate !== undefined) out.stopDate = epochSeconds(r.stopDate);
  if (withData) out.input = r.input;
  out.inputDetails = { included: withData };
  if (r.output !== undefined) {
    if (withData) out.output = r.output;
    out.outputDetails = { included: withData };
  }
  if (r.error !== undefined) out.error = r.error;
  if (r.cause !== undefined) out.cause = r.cause;
  out.redriveCount = 0;
  out.redriveStatus = 'NOT_REDRIVABLE';
  return out;
}

export const describeExecution: Action = (body, ctx) => describe(ctx.registry.execution(required(body, 'executionArn', 2048)));

export const stopExecution: Action = async (body, ctx) => {
  const record = ctx.registry.execution(required(body, 'executionArn', 2048));
  const error = optional(body, 'error', 256);
  const cause = optional(body, 'cause', 32_768);
  if (record.status === 'RUNNING' && record.execution) {
    record.execution.stop({ ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    await settled(record.done);
  }
  return { stopDate: epochSeconds(record.stopDate ?? Date.now()) };
};

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

export const listExecutions: Action = (body, ctx) => {
  const machineArn = required(body, 'stateMachineArn', 2048);
  ctx.registry.machine(machineArn);
  const status = oneOf(body, 'statusFilter', STATUSES);
  // Newest first, as AWS lists them.
  const all = [...(ctx.registry.byMachine.get(machineArn) ?? [])].reverse().filter((r) => status === undefined || r.status === status);
  const { items, nextToken } = page(all, body, `ListExecutions ${machineArn} ${status ?? ''}`);
  return {
    executions: items.map((r) => {
      const e: Record<string, unknown> = { executionArn: r.arn, stateMachineArn: r.machineArn, name: r.name, status: r.status, startDate: epochSeconds(r.startDate) };
      if (r.stopDate !== undefined) e.stopDate = epochSeconds(r.stopDate);
      return e;
    }),
    ...(nextToken ? { nextToken } : {}),
  };
};

export const describeStateMachineForExecution: Action = (body, ctx) => {
  const record = ctx.registry.execution(required(body, 'executionArn', 2048));
  const machine = ctx.registry.machines.get(record.machineArn);
  if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${record.machineArn}'`);
  const out = describeMachine(machine, record.definition);
  delete out.status;
  delete out.type;
  delete out.creationDate;
  return { ...out, updateDate: epochSeconds(machine.updateDate ?? machine.creationDate) };
};
