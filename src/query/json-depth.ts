/**
 * Nesting depth of JSON data. The engine's JSON helpers recurse, so data nested deeper than
 * {@link MAX_JSON_DEPTH} is refused where it enters (execution input, task results,
 * `States.StringToJson`, `$parse`) with a cause in plain words, instead of overflowing the
 * stack later. 1,000 is the default nesting limit of Jackson, the JSON library of AWS's Java
 * services (StreamReadConstraints.maxNestingDepth).
 */
export const MAX_JSON_DEPTH = 1000;

/** True when JSON text nests arrays/objects more than `limit` deep. Linear; no recursion. */
export function textDepthExceeds(json: string, limit: number = MAX_JSON_DEPTH): boolean {
  // Fewer brackets than the limit cannot nest deeper than it.
  if (json.length <= limit) return false;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string literal, escapes included.
      for (i++; i < json.length && json.charCodeAt(i) !== 0x22; i++) if (json.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** True when a value nests arrays/objects more than `limit` deep. Iterative; stops early. */
export function valueDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (seen.has(v as object)) continue;
    seen.add(v as object);
    const children = Array.isArray(v) ? v : Object.values(v as object);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** The plain-words cause for data nested too deeply. */
export function tooDeepProblem(limit: number = MAX_JSON_DEPTH): string {
  return `it is nested more than ${limit} levels deep`;
}
