/** Intrinsics for JSON data manipulation. */
import { MAX_JSON_DEPTH, textDepthExceeds } from '../../json-depth.js';
import { toJavaJson } from '../../java/json.js';
import { booleanArg, fail, objectArg, stringArg } from './args.js';
import type { IntrinsicDefinition } from './types.js';

/** `States.JsonMerge(a, b, false)`: shallow merge, `b`'s members replacing `a`'s. */
export const jsonMerge: IntrinsicDefinition = {
  name: 'States.JsonMerge',
  minArgs: 3,
  maxArgs: 3,
  invoke(args) {
    const fn = this.name;
    const first = objectArg(fn, args, 0);
    const second = objectArg(fn, args, 1);
    // AWS: "Step Functions only supports the shallow merging mode; therefore, you must specify
    // the boolean value as false."
    if (booleanArg(fn, args, 2)) fail(fn, 'deep merging is not supported; the third argument must be false');
    return { ...first, ...second };
  },
};

/** `States.StringToJson(string)`: the parsed JSON value. */
export const stringToJson: IntrinsicDefinition = {
  name: 'States.StringToJson',
  minArgs: 1,
  maxArgs: 1,
  invoke(args) {
    const text = stringArg(this.name, args, 0);
    // Recorded AWS behaviour: an empty string parses to null (Jackson reads no value).
    if (text.trim() === '') return null;
    if (textDepthExceeds(text)) return fail(this.name, `the JSON text is nested more than ${MAX_JSON_DEPTH} levels deep`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return fail(this.name, 'the argument is not a valid JSON string');
    }
  },
};

/** `States.JsonToString(value)`: compact JSON text, numbers printed as AWS's Java service does. */
export const jsonToString: IntrinsicDefinition = {
  name: 'States.JsonToString',
  minArgs: 1,
  maxArgs: 1,
  invoke: (args) => toJavaJson(args[0]),
};
