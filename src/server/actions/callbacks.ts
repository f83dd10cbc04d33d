/** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: answers to task tokens, with AWS's error names. */
import { TaskTokenError } from '../../tasks/tokens.js';
import type { Action } from '../context.js';
import { optional, required } from '../params.js';
import { ApiError } from '../protocol.js';

/** Runs a token call, turning the engine's TaskTokenError into the API error of the same name. */
function answer(call: () => void): object {
  try {
    call();
  } catch (e) {
    if (e instanceof TaskTokenError) throw new ApiError(e.name, e.message);
    throw e;
  }
  return {};
}

export const sendTaskSuccess: Action = (body, ctx) => {
  const token = required(body, 'taskToken', 2048);
  const output = required(body, 'output', 262_144);
  // Text stays text: the engine parses it and answers InvalidOutput when it is not JSON.
  return answer(() => ctx.runtime.sendTaskSuccess(token, output));
};

export const sendTaskFailure: Action = (body, ctx) => {
  const token = required(body, 'taskToken', 2048);
  const error = optional(body, 'error', 256);
  const cause = optional(body, 'cause', 32_768);
  return answer(() => ctx.runtime.sendTaskFailure(token, error, cause));
};

export const sendTaskHeartbeat: Action = (body, ctx) => {
  const token = required(body, 'taskToken', 2048);
  return answer(() => ctx.runtime.sendTaskHeartbeat(token));
};
