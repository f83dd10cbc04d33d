/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata). The execution part is
 * built once per execution; the state part per state entry, only when something reads it.
 */
export interface ExecutionContext {
  readonly Execution: {
    readonly Id: string;
    readonly Input: unknown;
    readonly Name: string;
    readonly RoleArn: string;
    readonly StartTime: string;
    readonly RedriveCount: number;
  };
  readonly StateMachine: { readonly Id: string; readonly Name: string };
}

export interface StateContext {
  readonly Name: string;
  readonly EnteredTime: string;
  readonly RetryCount?: number;
}

export interface ContextObject extends ExecutionContext {
  readonly State: StateContext;
  readonly Task?: { readonly Token: string };
  readonly Map?: { readonly Item: { readonly Index: number; readonly Value: unknown; readonly Key?: string } };
}

/** Identity fields of the machine and execution; every one can be overridden per machine or start. */
export interface ContextOverrides {
  region?: string;
  accountId?: string;
  partition?: string;
  stateMachineName?: string;
  roleArn?: string;
  /** Redrive count reported in `$$.Execution.RedriveCount`. */
  redriveCount?: number;
}

export interface Identity {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly stateMachineName: string;
  readonly stateMachineArn: string;
  readonly roleArn: string;
  readonly executionName: string;
  readonly executionArn: string;
}

/** A workflow type: Standard (durable, up to a year) or Express (up to five minutes, no history quota). */
export type WorkflowType = 'STANDARD' | 'EXPRESS';

/**
 * The identity of an execution. An Express execution's ARN has AWS's Express shape,
 * `arn:<partition>:states:<region>:<account>:express:<stateMachine>:<name>:<id>`, where `expressId`
 * is a fresh UUID per execution (a name need not be unique among Express executions).
 */
export function makeIdentity(o: ContextOverrides, executionName: string, expressId?: string): Identity {
  const m = machineIdentity(o.region ?? 'us-east-1', o.accountId ?? '123456789012', o.partition ?? 'aws', o.stateMachineName ?? 'StateMachine', o.roleArn);
  return {
    region: m.region,
    accountId: m.accountId,
    partition: m.partition,
    stateMachineName: m.stateMachineName,
    stateMachineArn: m.stateMachineArn,
    roleArn: m.roleArn,
    executionName,
    executionArn:
      expressId === undefined
        ? `${m.executionPrefix}${executionName}`
        : `arn:${m.partition}:states:${m.region}:${m.accountId}:express:${m.stateMachineName}:${executionName}:${expressId}`,
  };
}

interface MachineIdentity {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly stateMachineName: string;
  readonly roleOverride: string | undefined;
  readonly stateMachineArn: string;
  readonly roleArn: string;
  /** A Standard execution's ARN up to its name. */
  readonly executionPrefix: string;
}

let lastMachine: MachineIdentity | undefined;

/** The ARNs every execution of one machine shares, remembered for the last machine identity (runs mostly repeat it). */
function machineIdentity(region: string, accountId: string, partition: string, stateMachineName: string, roleOverride: string | undefined): MachineIdentity {
  const m = lastMachine;
  if (m !== undefined && m.region === region && m.accountId === accountId && m.partition === partition && m.stateMachineName === stateMachineName && m.roleOverride === roleOverride) {
    return m;
  }
  return (lastMachine = {
    region,
    accountId,
    partition,
    stateMachineName,
    roleOverride,
    stateMachineArn: `arn:${partition}:states:${region}:${accountId}:stateMachine:${stateMachineName}`,
    roleArn: roleOverride ?? `arn:${partition}:iam::${accountId}:role/StepFunctionsExecutionRole`,
    executionPrefix: `arn:${partition}:states:${region}:${accountId}:execution:${stateMachineName}:`,
  });
}

export function executionContext(id: Identity, input: unknown, startTime: string, redriveCount: number): ExecutionContext {
  return {
    Execution: {
      Id: id.executionArn,
      Input: input,
      StartTime: startTime,
      Name: id.executionName,
      RoleArn: id.roleArn,
      RedriveCount: redriveCount,
    },
    StateMachine: { Id: id.stateMachineArn, Name: id.stateMachineName },
  };
}
