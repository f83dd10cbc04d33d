/** Task `Resource` checks (INVALID_RESOURCE), lenient by default, and EXPRESS restrictions. */
import { hasPlaceholder, isArnShaped, isStrictResourceArn, parseResource } from '../definition/resource.js';
import type { Collector, Path } from './diagnostics.js';

/** Checks a Task `Resource` string. */
export function checkResource(out: Collector, resource: string, at: Path, stateName: string, strict: boolean, express: boolean): void {
  const placeholder = hasPlaceholder(resource);
  if (strict) {
    if (!isStrictResourceArn(resource)) {
      out.error('INVALID_RESOURCE', at, `${JSON.stringify(resource)} is not a Lambda function, activity or service integration ARN`, stateName);
      return;
    }
  } else if (!placeholder && !isArnShaped(resource)) {
    out.error('INVALID_RESOURCE', at, `${JSON.stringify(resource)} is not an ARN (arn:partition:service:region:account:resource)`, stateName);
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
