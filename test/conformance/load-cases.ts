import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isStandIn, type StandInName } from './handlers.js';

/** One recorded-behaviour case: a definition, its input and what AWS's guide says happens. */
export interface ConformanceCase {
  /** `<category>/<name>`, from the file's place under cases/. */
  readonly id: string;
  readonly category: string;
  readonly description: string;
  /** The AWS developer guide page (and section anchor) that states the behaviour. */
  readonly source: string;
  readonly definition: object;
  readonly input?: unknown;
  /** Task resource → stand-in handler name. */
  readonly handlers?: Readonly<Record<string, StandInName>>;
  readonly expected: {
    readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
    readonly output?: unknown;
    readonly error?: string;
    readonly cause?: string;
    /** The exact sequence of history event types. */
    readonly historyTypes?: readonly string[];
    /** Virtual seconds from ExecutionStarted to the last event (waits, backoff, timeouts). */
    readonly elapsedSeconds?: number;
  };
  /** Set when the engine disagrees with the guide: why. The case then runs as `it.fails`. */
  readonly knownDifference?: string;
}

const REQUIRED = ['description', 'source', 'definition', 'expected'] as const;

/** Reads every `cases/<category>/<name>.json` below `root`; a malformed file throws with its path. */
export function loadCases(root: string): ConformanceCase[] {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const path = join(root, file);
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const key of REQUIRED) if (!(key in raw)) throw new Error(`${path}: missing "${key}"`);
    if (!/^https:\/\/docs\.aws\.amazon\.com\/step-functions\//.test(String(raw.source)))
      throw new Error(`${path}: "source" must be an AWS Step Functions developer guide URL`);
    for (const name of Object.values((raw.handlers ?? {}) as Record<string, string>))
      if (!isStandIn(name)) throw new Error(`${path}: unknown stand-in handler "${name}"`);
    const id = relative(root, path).replace(/\\/g, '/').replace(/\.json$/, '');
    return { ...(raw as object), id, category: id.split('/')[0] } as ConformanceCase;
  });
}
