/**
 * A small argv parser: `--flag`, `--option value`, `--option=value`, repeatable options
 * (`--sub A=1 --sub B=2`), short aliases (`-h`), positionals (`-` is one: it means stdin), and
 * `--` ends options.
 */
export interface ParsedArgs {
  readonly positionals: string[];
  /** Each option once: a repeatable option holds its last value here. */
  readonly options: Map<string, string | true>;
  /** Every value of each repeatable option given, in command-line order. */
  readonly repeated: Map<string, string[]>;
}

/** Thrown for a malformed command line. */
export class UsageError extends Error {}

/** What a command accepts beyond plain valued options and flags. */
export interface ArgSpec {
  /** Options whose value may be left out, with the values they take: `--history` or `--history json`. */
  readonly optional?: Readonly<Record<string, readonly string[]>>;
  /** Short aliases: `{ h: 'help' }` reads `-h` as `--help`. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Valued options that may be given more than once; all their values go to `repeated`. */
  readonly repeatable?: readonly string[];
}

/** Every command takes `-h` for `--help`. */
const DEFAULT_ALIASES: Readonly<Record<string, string>> = { h: 'help' };

/**
 * Parses `args`; `valued` lists the options that take a value, `flags` those that do not.
 * Unknown options are a {@link UsageError}.
 */
export function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[], spec: ArgSpec = {}): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const aliases = { ...DEFAULT_ALIASES, ...spec.aliases };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!; // i < args.length
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (/^-[A-Za-z]$/.test(arg)) {
      const short = arg.charAt(1);
      const long = Object.hasOwn(aliases, short) ? aliases[short] : undefined;
      if (long === undefined) throw new UsageError(`unknown option ${arg}`);
      arg = `--${long}`;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const optional = spec.optional && Object.hasOwn(spec.optional, name) ? spec.optional[name] : undefined;
    if (optional !== undefined) {
      // The value is taken only when it is one of the known ones, so `--history def.json` still works.
      const value = eq !== -1 ? arg.slice(eq + 1) : optional.includes(args[i + 1] ?? '') ? args[++i] : undefined;
      if (value !== undefined && !optional.includes(value)) throw new UsageError(`--${name} takes ${optional.join(' or ')}, not '${value}'`);
      options.set(name, value ?? true);
    } else if (valued.includes(name) || spec.repeatable?.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      options.set(name, value);
      if (spec.repeatable?.includes(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else if (flags.includes(name) && eq === -1) {
      options.set(name, true);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, options, repeated };
}
