import { globToRegExp } from './glob.js';
import type { ResolvedTask, TaskHandler, TaskResolver } from './types.js';

/**
 * Resolves Task resources to user handlers: an exact match of the `Resource` string first,
 * then the first matching glob pattern (in insertion order).
 */
export function handlersResolver(handlers: Readonly<Record<string, TaskHandler>>): TaskResolver {
  const exact = new Map<string, ResolvedTask>();
  const patterns: [RegExp, ResolvedTask][] = [];
  for (const [key, handler] of Object.entries(handlers)) {
    if (typeof handler !== 'function') continue;
    const task: ResolvedTask = { invoke: (input, ctx) => handler(input, ctx) };
    exact.set(key, task);
    if (key.includes('*')) patterns.push([globToRegExp(key), task]);
  }
  return {
    resolve({ resource }) {
      const hit = exact.get(resource);
      if (hit) return hit;
      for (const [re, task] of patterns) if (re.test(resource)) return task;
      return undefined;
    },
  };
}
