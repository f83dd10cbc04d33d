import { parseResource } from '../../definition/resource.js';

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

/** Classifies a Resource as AWS's history does (resourceType "lambda", resource "invoke"…). */
export function describeResource(text: string): ResourceInfo {
  const r = parseResource(text);
  switch (r.kind) {
    case 'lambda':
      return { family: 'Lambda', resourceType: 'lambda', resource: text, callback: false, sync: false };
    case 'activity':
      return { family: 'Activity', resourceType: 'activity', resource: text, callback: false, sync: false };
    case 'integration':
      // aws-sdk integrations keep the service in the type: "aws-sdk:s3" / "getObject".
      return { family: 'Task', resourceType: r.service, resource: r.action, callback: r.pattern === 'waitForTaskToken', sync: r.pattern === 'sync' || r.pattern === 'sync:2' };
    case 'other':
      return { family: 'Task', resourceType: 'custom', resource: text, callback: false, sync: false };
  }
}
