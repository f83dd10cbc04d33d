import type { ResolvedTask, TaskResolver } from './types.js';

/** The first resolver's answer for a Task: mocks, then custom resolvers, handlers, lambdas, built-ins. */
export function resolveTask(resolvers: readonly TaskResolver[], request: { resource: string; stateName: string; parameters: unknown }): ResolvedTask | undefined {
  for (const r of resolvers) {
    const task = r.resolve(request);
    if (task) return task;
  }
  return undefined;
}
