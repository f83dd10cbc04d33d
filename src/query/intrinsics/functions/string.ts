/** Intrinsic for String operation. */
import { stringArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/**
 * `States.StringSplit(string, delimiters)`: every character of `delimiters` separates values
 * (AWS's example splits "This.is+a,test=string" on ".+,="), and empty values are dropped, as
 * Java's `StringTokenizer` does (recorded: " " split on "," is [" "]).
 */
export const stringSplit: IntrinsicDefinition = {
  name: 'States.StringSplit',
  minArgs: 2,
  maxArgs: 2,
  invoke(args) {
    const text = stringArg(this.name, args, 0);
    const delimiters = new Set(stringArg(this.name, args, 1));
    const parts: string[] = [];
    let current = '';
    for (const c of text) {
      if (delimiters.has(c)) {
        if (current) parts.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    if (current) parts.push(current);
    return parts;
  },
};
