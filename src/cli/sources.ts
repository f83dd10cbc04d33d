/**
 * Where definitions and inputs come from: a file, or stdin for `-`. Stdin can be read once per
 * command, so `asl-runtime run - --input -` is a usage error rather than an empty input.
 */
import { UsageError } from './args.js';
import type { CliIO } from './io.js';
import { NotUtf8Error, decodeText, readTextFile } from './text-file.js';

/** A definition's (or input's) text and the name diagnostics use for it. */
export interface Source {
  readonly name: string;
  readonly text: string;
}

/** The name stdin has in diagnostics. */
export const STDIN_NAME = '<stdin>';

/** A file or stdin that could not be read; `reason` says why (ENOENT, not UTF-8 text, …). */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Reads files and, at most once, stdin. */
export class SourceReader {
  private stdinTakenBy: string | undefined;

  constructor(private readonly io: CliIO) {}

  /** Reads `file` (or stdin when it is `-`) as UTF-8 text; `what` names it in errors ("definition", "--input"). */
  async read(file: string, what: string): Promise<Source> {
    if (file !== '-') {
      try {
        return { name: file, text: await readTextFile(file) };
      } catch (error) {
        const reason = error instanceof NotUtf8Error ? 'it is not UTF-8 text' : ((error as NodeJS.ErrnoException).code ?? String(error));
        throw new SourceError(`cannot read the ${what} file '${file}' (${reason})`, reason);
      }
    }
    if (this.stdinTakenBy !== undefined) throw new UsageError(`stdin is already the ${this.stdinTakenBy}; '-' can stand for one of them only`);
    this.stdinTakenBy = what;
    return { name: STDIN_NAME, text: await readStdin(this.io, what) };
  }
}

async function readStdin(io: CliIO, what: string): Promise<string> {
  const stdin = io.stdin ?? process.stdin;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  try {
    return decodeText(bytes);
  } catch {
    throw new SourceError(`the ${what} on stdin is not UTF-8 text`, 'it is not UTF-8 text');
  }
}

/**
 * Whether a definition text is YAML: by the file's extension, and on stdin (no extension) when
 * it does not start like JSON.
 */
export function looksLikeYaml(source: Source): boolean {
  if (source.name === STDIN_NAME) return !/^\s*[{[]/.test(source.text);
  return /\.ya?ml$/i.test(source.name);
}
