/**
 * Finds the state machines of a template: CloudFormation/SAM/CDK `Resources`, Serverless
 * Framework `stepFunctions.stateMachines` (and raw CloudFormation under `resources.Resources`),
 * or a bare ASL definition.
 */
import { isObject } from '../validate/diagnostics.js';

type Path = (string | number)[];

/** A state machine declaration, before anything in it is resolved. */
export interface Candidate {
  readonly id: string;
  readonly kind: 'cloudformation' | 'sam' | 'serverless' | 'definition';
  /** Its properties (the Serverless config, or the definition itself for a bare one). */
  readonly props: Record<string, unknown>;
  /** Where the declaration is in the template. */
  readonly at: Path;
  /** Where `props` is in the template. */
  readonly propsAt: Path;
}

const KINDS: Readonly<Record<string, Candidate['kind']>> = {
  'AWS::StepFunctions::StateMachine': 'cloudformation',
  'AWS::Serverless::StateMachine': 'sam',
};

/** True for an object that is an ASL definition itself. */
export function isDefinition(value: Record<string, unknown>): boolean {
  return 'StartAt' in value && 'States' in value;
}

function fromResources(resources: unknown, base: Path): Candidate[] {
  if (!isObject(resources)) return [];
  return Object.entries(resources).flatMap(([id, r]): Candidate[] => {
    const kind = isObject(r) && typeof r['Type'] === 'string' ? KINDS[r['Type']] : undefined;
    if (!kind || !isObject(r)) return [];
    const props = isObject(r['Properties']) ? r['Properties'] : {};
    return [{ id, kind, props, at: [...base, id], propsAt: [...base, id, 'Properties'] }];
  });
}

/** Every state machine declared in `root`, in template order; `fallbackId` names a bare definition. */
export function discover(root: Record<string, unknown>, fallbackId: string): Candidate[] {
  if (isDefinition(root)) return [{ id: fallbackId, kind: 'definition', props: root, at: [], propsAt: [] }];
  const found = fromResources(root['Resources'], ['Resources']);
  const sls = isObject(root['stepFunctions']) ? root['stepFunctions']['stateMachines'] : undefined;
  if (isObject(sls)) {
    for (const [key, config] of Object.entries(sls)) {
      if (isObject(config)) found.push({ id: key, kind: 'serverless', props: config, at: ['stepFunctions', 'stateMachines', key], propsAt: ['stepFunctions', 'stateMachines', key] });
    }
  }
  const raw = isObject(root['resources']) ? root['resources']['Resources'] : undefined;
  found.push(...fromResources(raw, ['resources', 'Resources']));
  return found;
}
