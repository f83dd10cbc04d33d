/** Terminal colour: on when the stream is a TTY, off when NO_COLOR is set (https://no-color.org). */

/** The environment variables colour depends on. */
export type ColourEnv = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour what goes to `stream`. NO_COLOR (any non-empty value) always wins;
 * FORCE_COLOR (not `0`/`false`) turns colour on when the output is piped (CI logs, tests).
 */
export function useColour(stream: { isTTY?: boolean }, env: ColourEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return stream.isTTY === true;
}

/** SGR codes used by the CLI. */
export const Style = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;

/** A painter bound to one decision: `paint(text, Style.red)`. */
export function painter(colour: boolean): (text: string, style: number) => string {
  return colour ? (text, style) => `\u001b[${style}m${text}\u001b[0m` : (text) => text;
}
