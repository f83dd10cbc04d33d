/**
 * The one grammar of a Task's `Resource`: what kind of resource it names and its parts. The
 * validator, the history writer and the resolvers (Lambda, nested executions, S3) all read it
 * from here. The ASL spec only asks for a URI, so anything else is `other`.
 */

/** How a service integration is called (the ARN's suffix). */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken';

export type Resource =
  /** A Lambda function ARN used directly (`arn:aws:lambda:region:account:function:name[:qualifier]`). */
  | { readonly kind: 'lambda'; readonly partition: string; readonly region: string; readonly account: string; readonly functionName: string; readonly qualifier?: string }
  /** An activity (`arn:aws:states:region:account:activity:name`). */
  | { readonly kind: 'activity'; readonly partition: string; readonly region: string; readonly account: string; readonly name: string }
  /**
   * A service integration (`arn:aws:states:[region]:[account]:service:operation[.sync|.sync:2|.waitForTaskToken]`):
   * `service` keeps every part before the operation (`lambda`, `aws-sdk:s3`), `action` is the
   * operation with its suffix, as history shows it (`invoke.waitForTaskToken`).
   */
  | {
      readonly kind: 'integration';
      readonly partition: string;
      readonly service: string;
      readonly operation: string;
      readonly action: string;
      readonly pattern: IntegrationPattern;
    }
  /** Anything else: a URI of another scheme (`local:sendEmail`), or text with `${…}` placeholders. */
  | { readonly kind: 'other' };

const LAMBDA = /^arn:([^:]+):lambda:([^:]*):([^:]*):function:([^:]+)(?::([^:]+))?$/;
const ACTIVITY = /^arn:([^:]+):states:([^:]*):([^:]*):activity:(.+)$/;
const INTEGRATION = /^arn:([^:]+):states:[^:]*:[^:]*:(.+)$/;
const SUFFIX = /\.(sync:2|sync|waitForTaskToken)$/;

/** Reads a `Resource` string. Never throws. */
export function parseResource(text: string): Resource {
  const lambda = LAMBDA.exec(text);
  if (lambda) {
    const [, partition, region, account, functionName, qualifier] = lambda as unknown as [string, string, string, string, string, string | undefined];
    return qualifier === undefined
      ? { kind: 'lambda', partition, region, account, functionName }
      : { kind: 'lambda', partition, region, account, functionName, qualifier };
  }
  const activity = ACTIVITY.exec(text);
  if (activity) return { kind: 'activity', partition: activity[1]!, region: activity[2]!, account: activity[3]!, name: activity[4]! };
  const integration = INTEGRATION.exec(text);
  if (integration) {
    const parts = integration[2]!.split(':');
    // `…:sync:2` splits the suffix's ":2" off as its own part; join it back to the action.
    if (parts.length > 1 && parts[parts.length - 1] === '2' && parts[parts.length - 2]!.endsWith('.sync')) parts.splice(-2, 2, `${parts[parts.length - 2]}:2`);
    const action = parts.pop()!;
    const suffix = SUFFIX.exec(action);
    const operation = suffix ? action.slice(0, suffix.index) : action;
    const pattern: IntegrationPattern = suffix ? (suffix[1] as IntegrationPattern) : 'request-response';
    return { kind: 'integration', partition: integration[1]!, service: parts.join(':') || action, operation, action, pattern };
  }
  return { kind: 'other' };
}

/** True for the integration `service:operation` with any pattern (`lambda`, `invoke`). */
export function isIntegration(resource: Resource, service: string, operation: string): boolean {
  return resource.kind === 'integration' && resource.service === service && resource.operation === operation;
}

const PLACEHOLDER = /\$\{[^}]*\}/;
/** arn:partition:service:region:account:resource (region and account may be empty, as in states:::…). */
const ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+$/;
const STRICT_LAMBDA = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9_$-]+)?$/;
const STRICT_ACTIVITY = /^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:activity:[^\s:]{1,80}$/;
const STRICT_INTEGRATION = /^arn:aws[a-z-]*:states:::[a-z0-9-]+(?::[A-Za-z0-9_-]+){1,2}(?:\.sync(?::2)?|\.waitForTaskToken)?$/;

/** True for text with a `${…}` placeholder that a template's substitutions would fill. */
export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** True for text in ARN shape (`arn:partition:service:region:account:resource`). */
export function isArnShaped(text: string): boolean {
  return ARN.test(text);
}

/**
 * True for a resource AWS's own ARN grammar accepts as deployed: a Lambda function (with an
 * alias or version), an activity, or a service integration with its pattern.
 */
export function isStrictResourceArn(text: string): boolean {
  return STRICT_LAMBDA.test(text) || STRICT_ACTIVITY.test(text) || STRICT_INTEGRATION.test(text);
}
