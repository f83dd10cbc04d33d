/** Step Functions ARNs as AWS writes them, and their parsing (`InvalidArn` when malformed). */
import { ApiError } from './protocol.js';

/** The region, account and partition every ARN of one server carries. */
export interface Scope {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export type ResourceKind = 'stateMachine' | 'execution' | 'express' | 'activity';

/** `arn:aws:states:us-east-1:123456789012:stateMachine:Name` and the like. */
export function arn(scope: Scope, kind: ResourceKind, ...names: string[]): string {
  return `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:${kind}:${names.join(':')}`;
}

const ARN = /^arn:[a-z-]+:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express|activity):(.+)$/;

/** The kind and the name parts of a Step Functions ARN. */
export function parseArn(value: string, expected: readonly ResourceKind[]): { kind: ResourceKind; names: string[] } {
  const m = ARN.exec(value);
  if (!m || !(expected as readonly string[]).includes(m[1]!)) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${value}'`);
  return { kind: m[1] as ResourceKind, names: m[2]!.split(':') };
}
