/**
 * Finds states by name anywhere in a definition: top level, Parallel branches and Map item
 * processors, since mocks and mock-config test cases name states at any depth.
 */

interface Machineish {
  readonly States?: Readonly<Record<string, unknown>>;
}

/** Every state name in the definition (nested machines included) with its `Type`. */
export function stateTypes(definition: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (m: unknown): void => {
    const states = (m as Machineish | null)?.States;
    if (!states || typeof states !== 'object') return;
    for (const [name, s] of Object.entries(states)) {
      const state = s as { Type?: unknown; Branches?: unknown; ItemProcessor?: unknown; Iterator?: unknown } | null;
      if (!state || typeof state !== 'object') continue;
      if (!out.has(name)) out.set(name, String(state.Type));
      if (Array.isArray(state.Branches)) state.Branches.forEach(visit);
      visit(state.ItemProcessor ?? state.Iterator);
    }
  };
  visit(definition);
  return out;
}
