/** Nesting-depth guard (TOO_DEEPLY_NESTED), iterative so any input depth is safe. */
import { MAX_DEPTH } from '../definition/parse.js';
import { isObject, type Path } from './diagnostics.js';

export { MAX_DEPTH };

/**
 * More containers than any 1 MB definition can hold; beyond it the input is treated as too large
 * (this also stops cyclic object graphs, which are not JSON).
 */
export const MAX_CONTAINERS = 2_000_000;

/**
 * The path of the first value nested deeper than `limit`, `'too-large'` when the value holds more
 * than {@link MAX_CONTAINERS} objects/arrays, or undefined.
 */
export function findTooDeep(root: unknown, limit = MAX_DEPTH): Path | 'too-large' | undefined {
  // parent pointers let us rebuild the path only when needed
  const nodes: { key: string | number | undefined; parent: number }[] = [{ key: undefined, parent: -1 }];
  const work: { value: unknown; depth: number; id: number }[] = [{ value: root, depth: 0, id: 0 }];
  let budget = MAX_CONTAINERS;
  while (work.length > 0) {
    if (budget-- <= 0) return 'too-large';
    const { value, depth, id } = work.pop()!;
    if (depth > limit) {
      const path: (string | number)[] = [];
      // the root (parent -1) has no key; every other node's parent is an earlier index of `nodes`
      for (let node = nodes[id]; node !== undefined && node.parent >= 0; node = nodes[node.parent]) path.unshift(node.key as string | number);
      return path;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] !== 'object' || value[i] === null) continue;
        nodes.push({ key: i, parent: id });
        work.push({ value: value[i], depth: depth + 1, id: nodes.length - 1 });
      }
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        const child = value[key];
        if (typeof child !== 'object' || child === null) continue;
        nodes.push({ key, parent: id });
        work.push({ value: child, depth: depth + 1, id: nodes.length - 1 });
      }
    }
  }
  return undefined;
}
