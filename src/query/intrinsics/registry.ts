/** The 18 `States.*` intrinsic functions AWS Step Functions provides, by name. */
import { array, arrayContains, arrayGetItem, arrayLength, arrayPartition, arrayRange, arrayUnique } from './functions/array.js';
import { base64Decode, base64Encode } from './functions/encoding.js';
import { format } from './functions/format.js';
import { hash } from './functions/hash.js';
import { jsonMerge, jsonToString, stringToJson } from './functions/json.js';
import { mathAdd, mathRandom } from './functions/math.js';
import { stringSplit } from './functions/string.js';
import type { IntrinsicDefinition } from './functions/types.js';
import { uuid } from './functions/uuid.js';

/** Every intrinsic function, keyed by its full name (`States.Format`). */
export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicDefinition> = new Map(
  [
    format,
    stringToJson,
    jsonToString,
    array,
    arrayPartition,
    arrayContains,
    arrayRange,
    arrayGetItem,
    arrayLength,
    arrayUnique,
    base64Encode,
    base64Decode,
    hash,
    jsonMerge,
    mathRandom,
    mathAdd,
    stringSplit,
    uuid,
  ].map((definition) => [definition.name, definition]),
);
