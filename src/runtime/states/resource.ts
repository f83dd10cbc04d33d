import { isLambdaArn } from '../../tasks/lambda.js';

/** How a Task's resource shows in history: which event family and which detail fields. */
export interface ResourceInfo {
  readonly family: 'Lambda' | 'Activity' | 'Task';
  readonly resourceType: string;
  readonly resource: string;
  /** `.waitForTaskToken`: the task completes through sendTaskSuccess/Failure. */
  readonly callback: boolean;
  /** `.sync` / `.sync:2`: the task waits for the job it started. */
  readonly sync: boolean;
}

const SERVICE = /^arn:[^:]+:states:[^:]*:[^:]*:(.+)$/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:.+$/;

/** Classifies a Resource ARN as AWS's history does (resourceType "lambda", resource "invoke"…). */
export function describeResource(resource: string): ResourceInfo {
  if (isLambdaArn(resource)) return { family: 'Lambda', resourceType: 'lambda', resource, callback: false, sync: false };
  if (ACTIVITY.test(resource)) return { family: 'Activity', resourceType: 'activity', resource, callback: false, sync: false };
  const m = SERVICE.exec(resource);
  if (m) {
    const parts = m[1]!.split(':');
    // aws-sdk integrations keep the service in the type: "aws-sdk:s3" / "getObject".
    const action = parts.pop()!;
    const resourceType = parts.join(':') || action;
    return {
      family: 'Task',
      resourceType,
      resource: action,
      callback: action.endsWith('.waitForTaskToken'),
      sync: /\.sync(:2)?$/.test(action),
    };
  }
  return { family: 'Task', resourceType: 'custom', resource, callback: false, sync: false };
}
