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

/** `${Name}` as a template leaves it; `${!Name}` is Fn::Sub's escape for literal text, not a placeholder. */
const PLACEHOLDER = /\$\{(?!!)([^}]*)\}/g;
/** A URI as RFC 3986 starts one: a scheme, a colon, and something after it (no whitespace). */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
/** arn:partition:service:region:account:resource (region and account may be empty, as in states:::…). */
const ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S+$/;
/** The function part of a Lambda ARN as Lambda names it: a name, then `$LATEST`, a version or an alias. */
const LAMBDA_FUNCTION_PART = /^[A-Za-z0-9_-]{1,64}(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
const PARTITION = 'aws[a-z-]*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-[0-9]';
const ACCOUNT = '[0-9]{12}';
const STRICT_LAMBDA = new RegExp(`^arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:[A-Za-z0-9_-]{1,64}(?::(?:\\$LATEST|[A-Za-z0-9_-]{1,128}))?$`);
const STRICT_ACTIVITY = new RegExp(`^arn:${PARTITION}:states:${REGION}:${ACCOUNT}:activity:[^\\s:]{1,80}$`);
// Service integrations name no region or account (`states:::`), though a deployed one may carry both.
const STRICT_INTEGRATION = new RegExp(`^arn:${PARTITION}:states:(?:|${REGION}):(?:|${ACCOUNT}):[a-z0-9-]+(?::[A-Za-z0-9_-]+){1,2}(?:\\.sync(?::2)?|\\.waitForTaskToken)?$`);

/** The names of the `${…}` placeholders in text, in order, each once. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** True for text with a `${…}` placeholder that a template's substitutions would fill. */
export function hasPlaceholder(text: string): boolean {
  return placeholders(text).length > 0;
}

/** True for text in ARN shape (`arn:partition:service:region:account:resource`). */
export function isArnShaped(text: string): boolean {
  return ARN.test(text);
}

/**
 * Why a `Resource` is not one by the ASL spec ("MUST be a URI"), or undefined when it is: any
 * `scheme:rest` (`local:sendEmail`, `module:hello`) passes. An `arn:` URI must have ARN shape,
 * and a Lambda function ARN a well-formed function name and qualifier, since that is what a
 * resolver reads from it; region and account stay free, as in tests and templates.
 */
export function lenientResourceProblem(text: string): string | undefined {
  if (!URI.test(text)) return 'is not a URI (scheme:rest), such as an ARN or a local name like local:sendEmail';
  if (!/^arn:/i.test(text)) return undefined;
  if (!ARN.test(text)) return 'is not an ARN (arn:partition:service:region:account:resource)';
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:(.*)$/.exec(text);
  if (lambda && !LAMBDA_FUNCTION_PART.test(lambda[1]!)) {
    return 'is not a Lambda function ARN: after function: comes a name of letters, digits, - and _, optionally followed by :$LATEST, :VERSION or :ALIAS';
  }
  return undefined;
}

/**
 * True for a resource AWS's own ARN grammar accepts as deployed: a Lambda function (with an
 * alias or version), an activity, or a service integration with its pattern.
 */
export function isStrictResourceArn(text: string): boolean {
  return STRICT_LAMBDA.test(text) || STRICT_ACTIVITY.test(text) || STRICT_INTEGRATION.test(text);
}

/** Why AWS would refuse a `Resource`, with the fix, or undefined when AWS's grammar accepts it. */
export function strictResourceProblem(text: string): string | undefined {
  if (isStrictResourceArn(text)) return undefined;
  const lambda = /^arn:([^:]*):lambda:([^:]*):([^:]*):function:(.*)$/.exec(text);
  if (lambda) {
    const [, partition, region, account, fn] = lambda as unknown as [string, string, string, string, string];
    if (region === '' || account === '') {
      return "is a partial Lambda ARN; a Task's Resource needs the full ARN (arn:aws:lambda:us-east-1:123456789012:function:NAME), or use arn:aws:states:::lambda:invoke with the name in Parameters.FunctionName";
    }
    if (!new RegExp(`^${PARTITION}$`).test(partition)) return `has partition '${partition}'; use aws, aws-cn or aws-us-gov`;
    if (!new RegExp(`^${REGION}$`).test(region)) return `has region '${region}', which is not a region code such as us-east-1`;
    if (!new RegExp(`^${ACCOUNT}$`).test(account)) return `has account '${account}'; an AWS account ID is 12 digits`;
    if (!LAMBDA_FUNCTION_PART.test(fn)) return 'has a malformed function part: use NAME (letters, digits, - and _, at most 64), optionally followed by :$LATEST, :VERSION or :ALIAS';
  }
  if (/^arn:[^:]*:states:[^:]*:[^:]*:activity:/.test(text)) {
    return 'is not an activity ARN (arn:aws:states:REGION:ACCOUNT:activity:NAME, with a 12-digit account and a name of at most 80 characters)';
  }
  if (/^arn:[^:]*:states:/.test(text)) {
    return 'is not a service integration ARN (arn:aws:states:::SERVICE:ACTION, optionally ending in .sync, .sync:2 or .waitForTaskToken)';
  }
  return 'is not a Lambda function, activity or service integration ARN; use arn:aws:lambda:REGION:ACCOUNT:function:NAME, arn:aws:states:REGION:ACCOUNT:activity:NAME or arn:aws:states:::SERVICE:ACTION (or drop strictResources for local URIs such as local:sendEmail)';
}
