/**
 * What a template offers to the intrinsic functions: its Parameters, Conditions, Mappings and
 * resources, with the options that override them and the pseudo parameter values.
 */
import { makeIdentity } from '../runtime/context.js';
import { isObject } from '../validate/diagnostics.js';
import type { Scope } from './resources.js';
import type { LoadOptions, PseudoParameters } from './types.js';

/** A resource as `Ref`/`Fn::GetAtt` see it: its type and the logical ID its names are built from. */
export interface ResourceEntry {
  readonly type: string;
  readonly id: string;
}

export interface TemplateScope extends Scope {
  readonly stackName: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  /** By logical ID, plus aliases (a Serverless function key → its logical ID). */
  readonly resources: ReadonlyMap<string, ResourceEntry>;
  readonly options: LoadOptions;
}

const section = (root: Record<string, unknown>, key: string): Record<string, unknown> => {
  const v = root[key];
  return isObject(v) ? v : {};
};

/** Pseudo parameter values: the options', else the defaults of the runtime's execution context. */
export function pseudoDefaults(pseudo: Readonly<PseudoParameters> | undefined): Required<PseudoParameters> {
  // The runtime's own identity defaults, so a loaded ARN matches `$$.StateMachine.Id`'s region and account.
  const runtime = makeIdentity({}, '');
  const partition = pseudo?.partition ?? runtime.partition;
  return {
    partition,
    region: pseudo?.region ?? runtime.region,
    accountId: pseudo?.accountId ?? runtime.accountId,
    stackName: pseudo?.stackName ?? 'asl-runtime-stack',
    urlSuffix: pseudo?.urlSuffix ?? (partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'),
  };
}

/** Capitalised Serverless function key → its CloudFormation logical ID (`hello` → `HelloLambdaFunction`). */
export function serverlessFunctionId(key: string): string {
  const normalised = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalised.charAt(0).toUpperCase()}${normalised.slice(1)}LambdaFunction`;
}

/** The scope of a CloudFormation/SAM template or a serverless.yml. */
export function templateScope(root: Record<string, unknown>, options: LoadOptions): TemplateScope {
  const resources = new Map<string, ResourceEntry>();
  const addResources = (from: Record<string, unknown>): void => {
    for (const [id, r] of Object.entries(from)) {
      if (isObject(r) && typeof r['Type'] === 'string') resources.set(id, { type: r['Type'], id });
    }
  };
  addResources(section(root, 'Resources'));
  // serverless.yml: functions (by key and logical ID), state machines, and raw CloudFormation under resources.Resources
  for (const key of Object.keys(section(root, 'functions'))) {
    const entry = { type: 'AWS::Lambda::Function', id: serverlessFunctionId(key) };
    resources.set(key, entry);
    resources.set(entry.id, entry);
  }
  const sls = section(section(root, 'stepFunctions'), 'stateMachines');
  for (const [key, config] of Object.entries(sls)) {
    const entry = { type: 'AWS::StepFunctions::StateMachine', id: key };
    resources.set(key, entry);
    if (isObject(config) && typeof config['id'] === 'string') resources.set(config['id'], entry);
    resources.set(`${key.charAt(0).toUpperCase()}${key.slice(1).replace(/[^A-Za-z0-9]/g, '')}StepFunctionsStateMachine`, entry);
  }
  addResources(section(section(root, 'resources'), 'Resources'));
  return {
    ...pseudoDefaults(options.pseudo),
    parameters: section(root, 'Parameters'),
    conditions: section(root, 'Conditions'),
    mappings: section(root, 'Mappings'),
    resources,
    options,
  };
}
