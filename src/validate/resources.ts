/** Task `Resource` checks (INVALID_RESOURCE), lenient by default, and EXPRESS restrictions. */
import { parseResource } from '../definition/resource.js';
import type { Collector, Path } from './diagnostics.js';

const PLACEHOLDER = /\$\{[^}]*\}/;
/** arn:partition:service:region:account:resource (region/account may be empty for states:::…). */
const LENIENT_ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+$/;
const STRICT_LAMBDA = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9_$-]+)?$/;
const STRICT_ACTIVITY = /^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:activity:[^\s:]{1,80}$/;
const STRICT_INTEGRATION = /^arn:aws[a-z-]*:states:::[a-z0-9-]+(?::[A-Za-z0-9_-]+){1,2}(?:\.sync(?::2)?|\.waitForTaskToken)?$/;

/** Checks a Task `Resource` string. */
export function checkResource(out: Collector, resource: string, at: Path, stateName: string, strict: boolean, express: boolean): void {
  const placeholder = PLACEHOLDER.test(resource);
  if (strict) {
    if (!(STRICT_LAMBDA.test(resource) || STRICT_ACTIVITY.test(resource) || STRICT_INTEGRATION.test(resource))) {
      out.error('INVALID_RESOURCE', at, `${JSON.stringify(resource)} is not a Lambda function, activity or service integration ARN`, stateName);
      return;
    }
  } else if (!placeholder && !LENIENT_ARN.test(resource)) {
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
