/**
 * The template loader: finds every state machine of a SAM, CloudFormation, CDK synth or
 * Serverless Framework template (or a bare definition with `${var}`s) and resolves its
 * definition the way a deployment would, locally.
 *
 * This entry stays small: the loader itself (intrinsics, Serverless, YAML...) is imported on the
 * first call, so `import 'asl-runtime'` does not parse it in processes that never load a template.
 */
import type { LoadedStateMachine, LoadOptions } from './types.js';

export { TemplateError } from './error.js';
export type { LoadedStateMachine, LoadOptions, PseudoParameters, SourcePosition } from './types.js';

/**
 * Loads every state machine of a template.
 *
 * `source` is a file path, template text (JSON or YAML, with CloudFormation's short-form tags),
 * or a parsed template object. Intrinsics (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`...),
 * DefinitionSubstitutions, Parameters and pseudo parameters are resolved; a resource of the
 * template becomes a plausible ARN named after its logical ID, so `lambdas: { HelloFunction: fn }`
 * serves `!GetAtt HelloFunction.Arn`. What cannot be resolved stays visible as `${X}` with an
 * UNRESOLVED_PLACEHOLDER diagnostic naming the option that fills it.
 *
 * @throws {TemplateError} when the template cannot be read or parsed, or declares no state machine.
 * @example
 * const [machine] = await loadStateMachines('template.yaml');
 * const result = await new StateMachine(machine.definition, { lambdas: { HelloFunction: hello } }).run({ name: 'Ada' });
 */
export async function loadStateMachines(source: string | object, options: LoadOptions = {}): Promise<LoadedStateMachine[]> {
  const { loadStateMachines: load } = await import('./load.js');
  return load(source, options);
}
