import { AslUsageError } from '../errors.js';

/**
 * A template that cannot be loaded at all: an unreadable file, text that is not JSON or YAML,
 * a template with no state machine, or a file path where files cannot be read (a browser).
 */
export class TemplateError extends AslUsageError {
  override readonly name: string = 'TemplateError';
  constructor(
    message: string,
    /** Where the problem is, when known (1-based line and column). */
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(file ? `${file}${line ? `:${line}:${column ?? 1}` : ''}: ${message}` : line ? `${line}:${column ?? 1}: ${message}` : message);
  }
}
