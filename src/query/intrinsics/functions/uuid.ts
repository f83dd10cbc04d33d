/** Intrinsic for unique identifier generation. */
import type { IntrinsicDefinition } from './types.js';

/** `States.UUID()`: a v4 UUID from the execution's injected source, so tests can pin it. */
export const uuid: IntrinsicDefinition = {
  name: 'States.UUID',
  minArgs: 0,
  maxArgs: 0,
  invoke: (_args, scope) => scope.uuid(),
};
