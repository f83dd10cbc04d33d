import type { JsonataBindings } from '../../../src/query/jsonata/index.js';

/** Bindings with deterministic random/uuid sources; override any part. */
export function bindings(overrides: Partial<JsonataBindings> = {}): JsonataBindings {
  let n = 0;
  return {
    states: { input: {}, context: {} },
    variables: {},
    random: () => 0.25,
    uuid: () => `00000000-0000-4000-8000-00000000000${n++}`,
    ...overrides,
  };
}
