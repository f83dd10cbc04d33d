import { readFile } from 'node:fs/promises';

/** Raised when a file's bytes are not UTF-8 text. */
export class NotUtf8Error extends Error {
  override readonly name = 'NotUtf8Error';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8, refusing invalid bytes instead of replacing them (a definition with U+FFFD in
 * a state name would otherwise validate as something else than the file says). A leading
 * byte-order mark is dropped.
 * @throws NotUtf8Error
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new NotUtf8Error('not UTF-8 text');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a text file as UTF-8 (see {@link decodeText}). */
export async function readTextFile(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return decodeText(bytes);
  } catch {
    throw new NotUtf8Error(`${file} is not UTF-8 text`);
  }
}
