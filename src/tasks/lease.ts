import type { TaskTokens } from './tokens.js';

/** A task token a waiting task holds: live on the hub, and listed in the execution's snapshots, until retired. */
export interface TokenLease {
  readonly token: string;
  /** Ends the lease (idempotent): the hub remembers how, so a late answer gets the right error. */
  retire(how: 'completed' | 'timedOut'): void;
}

/**
 * Issues `token` on the hub's token table and records it among the tokens the execution waits
 * on (`held`, what `snapshot().taskTokens` lists). One call pairs what used to be two.
 */
export function leaseToken(tokens: TaskTokens, held: Set<string>, token: string): TokenLease {
  tokens.issue(token);
  held.add(token);
  let retired = false;
  return {
    token,
    retire(how) {
      if (retired) return;
      retired = true;
      tokens.retire(token, how);
      held.delete(token);
    },
  };
}
