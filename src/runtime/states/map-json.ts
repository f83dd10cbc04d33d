/**
 * Streams the elements of a top-level JSON array without holding the whole document: each
 * element's text is cut at depth 1 and parsed on its own.
 */

/** A JSON document the reader cannot use; the Map Run fails with States.ItemReaderFailed. */
export class JsonItemsError extends Error {
  override readonly name = 'JsonItemsError';
}

export async function* jsonArrayItems(chunks: AsyncIterable<string>, maxItemChars: number): AsyncGenerator<unknown> {
  /** 0 before '[', 1 inside the array, 2 after ']'. */
  let phase = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let item = '';
  /** An element ended with ',' and another must follow. */
  let expectItem = false;
  const flush = (): unknown => {
    const text = item.trim();
    item = '';
    if (text === '') throw new JsonItemsError('Malformed JSON array: an empty element');
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new JsonItemsError(`Malformed JSON array element: ${(e as Error).message}`);
    }
  };
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (phase !== 1) {
        if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') continue;
        if (phase === 0 && c === '[') {
          phase = 1;
          continue;
        }
        throw new JsonItemsError(phase === 0 ? 'The object must contain a JSON array' : 'Unexpected content after the JSON array');
      }
      if (inString) {
        item += c;
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
        item += c;
      } else if (c === '[' || c === '{') {
        depth++;
        item += c;
      } else if ((c === ']' || c === '}') && depth > 0) {
        depth--;
        item += c;
      } else if (c === ',' && depth === 0) {
        yield flush();
        expectItem = true;
      } else if (c === ']' && depth === 0) {
        if (item.trim() !== '' || expectItem) yield flush();
        phase = 2;
      } else {
        item += c;
      }
      if (item.length > maxItemChars) throw new JsonItemsError(`An item is larger than ${maxItemChars} characters`);
      if (expectItem && c !== ',' && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') expectItem = false;
    }
  }
  if (phase !== 2) throw new JsonItemsError(phase === 0 ? 'The object must contain a JSON array' : 'The JSON array is not closed');
}
