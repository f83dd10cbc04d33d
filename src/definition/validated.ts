/**
 * The model `validate()` builds and hands on when a definition is valid: the one place where a
 * state's effective query language and its transitions are worked out. The compiler and the
 * testing toolkit read it instead of working them out again, so the validator and the runtime
 * cannot disagree about a state.
 */
import type { MachineDefinition, QueryLanguage, StateDefinition, StateType } from './types.js';

/** One state of a validated definition (nested states of Parallel branches and Map processors included). */
export interface ValidatedState {
  readonly name: string;
  readonly type: StateType;
  /** The state's effective query language, as the validator resolved it. */
  readonly queryLanguage: QueryLanguage;
  /** Where it is: a JSON pointer (`/States/Fan/Branches/0/States/A`) and the same as keys. */
  readonly location: string;
  readonly path: readonly (string | number)[];
  /** 0 for a top-level state, 1 inside a branch or item processor, and so on. */
  readonly depth: number;
  /** Every state it can go to: Next, Default, each Choice rule's and each catcher's Next. */
  readonly transitions: readonly string[];
  /** The state's definition (part of `definition`; do not mutate). */
  readonly node: StateDefinition;
}

/** A definition that passed `validate()`, with its model. */
export interface ValidatedDefinition {
  /** The definition as read: plain JSON data, detached from the caller's object (do not mutate). */
  readonly definition: MachineDefinition;
  /** The top-level machine's query language. */
  readonly queryLanguage: QueryLanguage;
  /** Every state, nested ones included, in the order the validator visited them. */
  readonly states: readonly ValidatedState[];
  /** The model of a state node of `definition` (by identity). */
  stateOf(node: StateDefinition): ValidatedState | undefined;
}
