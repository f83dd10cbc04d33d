/**
 * Task `Resource` checks: an unfilled template placeholder, the URI grammar (lenient, the ASL
 * spec's) or AWS's ARN grammar (strict), and the EXPRESS restrictions.
 */
import { lenientResourceProblem, parseResource, placeholders, strictResourceProblem } from '../definition/resource.js';
import { quote, type Collector, type Path } from './diagnostics.js';
import { placeholderHint } from './placeholders.js';

/** Checks a Task `Resource` string. */
export function checkResource(out: Collector, resource: string, at: Path, stateName: string, strict: boolean, express: boolean): void {
  const names = placeholders(resource);
  if (names.length > 0) {
    // AWS's ValidateStateMachineDefinition refuses `${X}` as a resource, and no handler is keyed
    // by it, so it is an error here rather than a failure at run time.
    out.error('UNRESOLVED_PLACEHOLDER', at, `Resource ${quote(resource)} still holds ${placeholderHint(names)}`, stateName);
    return;
  }
  const problem = strict ? strictResourceProblem(resource) : lenientResourceProblem(resource);
  if (problem !== undefined) {
    out.error('INVALID_RESOURCE', at, `Resource ${quote(resource)} ${problem}`, stateName);
    return;
  }
  if (express) {
    const parsed = parseResource(resource);
    if (parsed.kind === 'integration' && parsed.pattern !== 'request-response') {
      out.error('INVALID_RESOURCE', at, 'EXPRESS state machines do not support the .sync and .waitForTaskToken integration patterns', stateName);
    } else if (parsed.kind === 'activity') {
      out.error('INVALID_RESOURCE', at, 'EXPRESS state machines do not support activities', stateName);
    }
  }
}
