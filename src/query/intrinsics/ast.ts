/** The syntax tree of an intrinsic call, as produced by the parser. */

/** Where a node starts in the intrinsic text (0-based character offset). */
interface Located {
  readonly position: number;
}

/** `States.Name(arg, …)`. */
export interface CallNode extends Located {
  readonly kind: 'call';
  /** The full name as written, e.g. `States.Format`. */
  readonly name: string;
  readonly args: readonly ArgumentNode[];
}

/** `'text'`: `value` has the escapes resolved; `raw` keeps them (States.Format needs `\{`). */
export interface StringNode extends Located {
  readonly kind: 'string';
  readonly value: string;
  readonly raw: string;
}

export interface NumberNode extends Located {
  readonly kind: 'number';
  readonly value: number;
}

export interface BooleanNode extends Located {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullNode extends Located {
  readonly kind: 'null';
}

/** `$…`, `$$…` or `$variable…`, kept verbatim for the engine's path compiler. */
export interface PathNode extends Located {
  readonly kind: 'path';
  readonly path: string;
}

export type LiteralNode = StringNode | NumberNode | BooleanNode | NullNode;
export type ArgumentNode = CallNode | LiteralNode | PathNode;
