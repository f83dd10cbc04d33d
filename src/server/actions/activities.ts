/** CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask (long poll). */
import { arn, parseArn } from '../arns.js';
import type { Action } from '../context.js';
import { checkName, optional, page, required } from '../params.js';
import { epochSeconds } from '../protocol.js';

export const createActivity: Action = (body, ctx) => {
  const name = checkName(required(body, 'name', 80), 'Activity');
  const activityArn = arn(ctx.scope, 'activity', name);
  // Idempotent: creating an existing activity returns it.
  let record = ctx.registry.activities.get(activityArn);
  if (!record) {
    record = { arn: activityArn, name, creationDate: Date.now() };
    ctx.registry.activities.set(activityArn, record);
    ctx.store?.saveActivity(activityArn);
  }
  return { activityArn, creationDate: epochSeconds(record.creationDate) };
};

export const describeActivity: Action = (body, ctx) => {
  const a = ctx.registry.activity(required(body, 'activityArn'));
  return { activityArn: a.arn, name: a.name, creationDate: epochSeconds(a.creationDate) };
};

export const deleteActivity: Action = (body, ctx) => {
  const activityArn = required(body, 'activityArn');
  parseArn(activityArn, ['activity']);
  if (ctx.registry.activities.delete(activityArn)) ctx.store?.deleteActivity(activityArn);
  return {};
};

export const listActivities: Action = (body, ctx) => {
  const all = [...ctx.registry.activities.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { items, nextToken } = page(all, body, 'ListActivities');
  return { activities: items.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: epochSeconds(a.creationDate) })), ...(nextToken ? { nextToken } : {}) };
};

/**
 * GetActivityTask: waits up to the poll time (AWS: 60 s) for a task and takes it; answers
 * with no task when none came. A client that hangs up stops waiting, so no task is handed to
 * a worker that is gone.
 */
export const getActivityTask: Action = async (body, ctx, signal) => {
  const activity = ctx.registry.activity(required(body, 'activityArn'));
  const workerName = optional(body, 'workerName', 80);
  const poll = AbortSignal.any([signal, AbortSignal.timeout(ctx.activityPollMs)]);
  const task = await ctx.runtime.getActivityTask(activity.arn, { ...(workerName !== undefined ? { workerName } : {}), signal: poll });
  if (!task) return {};
  return { taskToken: task.taskToken, input: JSON.stringify(task.input) ?? 'null' };
};
