/**
 * How the server runs Task states: a mock-config test case first, then the handlers module's
 * `handlers` and `lambdas`, then, for a `.waitForTaskToken` integration nothing serves, "sent":
 * the task waits for SendTaskSuccess / SendTaskFailure as if the message had gone out.
 */
import { handlersResolver } from '../tasks/handlers.js';
import { lambdaResolver } from '../tasks/lambda.js';
import type { LambdaHandler, TaskHandler, TaskResolver } from '../tasks/types.js';

/** What a handlers module gives: task handlers by resource, Lambda code by function name. */
export interface Handlers {
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  readonly lambdas?: Readonly<Record<string, LambdaHandler>>;
}

/** Nested executions keep their own resolver (the engine's, consulted after these). */
const NESTED = /^arn:[^:]+:states:::states:startExecution/;

/**
 * A `.waitForTaskToken` task that no handler serves: the integration call is taken as made
 * (TaskSubmitted with `{}`), the token is in the TaskScheduled parameters, and `log` says so,
 * so callback flows can be driven through SendTaskSuccess with no handler at all (as with Step
 * Functions Local and a mocked service call).
 */
export function unservedCallbackResolver(log: (line: string) => void): TaskResolver {
  return {
    resolve({ resource, stateName }) {
      if (!resource.endsWith('.waitForTaskToken') || NESTED.test(resource)) return undefined;
      return {
        invoke(_input, ctx) {
          log(
            `No handler serves '${resource}' (Task state '${stateName}' of ${ctx.context.Execution.Id}); nothing was sent. ` +
              `The task waits for SendTaskSuccess or SendTaskFailure with the token in its TaskScheduled parameters.`,
          );
          return {};
        },
      };
    },
  };
}

/** The resolvers of one execution, in the order they are consulted. */
export function taskResolvers(handlers: Handlers, mock: TaskResolver | undefined, log: (line: string) => void): TaskResolver[] {
  const out: TaskResolver[] = [];
  if (mock) out.push(mock);
  if (handlers.handlers) out.push(handlersResolver(handlers.handlers));
  if (handlers.lambdas) out.push(lambdaResolver(handlers.lambdas));
  out.push(unservedCallbackResolver(log));
  return out;
}
