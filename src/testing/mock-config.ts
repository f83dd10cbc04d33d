import { StatesError, StatesErrors } from '../errors.js';
import type { TaskResolver } from '../tasks/types.js';
import { stateTypes } from './states.js';

/**
 * AWS Step Functions Local's mock configuration file (`MockConfigFile.json`), loaded unchanged.
 * Structure per the AWS developer guide, "Configuration File for Mocked Service Integrations".
 */
export interface MockConfigFile {
  readonly StateMachines: Readonly<Record<string, { readonly TestCases: Readonly<Record<string, Readonly<Record<string, string>>>> }>>;
  readonly MockedResponses: Readonly<Record<string, Readonly<Record<string, MockedResponseEntry>>>>;
}

/** One entry of a mocked response: exactly one of `Return` (the service's response) or `Throw`. */
export interface MockedResponseEntry {
  readonly Return?: unknown;
  readonly Throw?: { readonly Error: string; readonly Cause?: string };
}

/** A mock-config file that is malformed or does not fit the machine; thrown before any run starts. */
export class MockConfigError extends Error {
  override readonly name = 'MockConfigError';
  constructor(
    message: string,
    /** Where in the file, as a JSON-pointer-like path, e.g. `/MockedResponses/Retry/1-2`. */
    readonly location: string,
  ) {
    super(`${message} (at ${location || '/'})`);
  }
}

/** A mocked response with its attempt ranges resolved: invocation number → entry. */
interface Ranges {
  readonly entries: ReadonlyArray<{ readonly from: number; readonly to: number; readonly entry: MockedResponseEntry }>;
}

/** A validated mock-config file. Build with {@link loadMockConfig}. */
export interface MockConfig {
  /** The file as given (after JSON parsing). */
  readonly file: MockConfigFile;
  /** State machine names in `StateMachines`. */
  readonly stateMachines: readonly string[];
  /** Test case names of one state machine. */
  testCases(stateMachine: string): readonly string[];
  /**
   * A resolver serving one test case. `definition`, when given, is checked: every state the
   * test case names must exist in it and be a Task state. Invocations are counted per execution
   * ARN, so executions sharing the resolver need distinct names (the default names are UUIDs).
   * @throws MockConfigError for an unknown state machine, test case or state.
   */
  resolver(stateMachine: string, testCase: string, definition?: unknown): TaskResolver;
}

const RANGE = /^(0|[1-9]\d*)(?:-(0|[1-9]\d*))?$/;

/**
 * Parses and validates a mock-config file (JSON text or the parsed object) in full, so every
 * mistake surfaces here with its location rather than mid-run.
 *
 * @throws MockConfigError on bad JSON, a missing section, a test case naming an unknown
 *   response, a bad or overlapping invocation range, an entry with both or neither of
 *   `Return` and `Throw`, or a `Throw` without a string `Error`.
 * @example
 * const config = loadMockConfig(readFileSync('MockConfigFile.json', 'utf8'));
 * await testRun(definition, input, { mockConfig: config, stateMachine: 'Orders', testCase: 'RetryPath' });
 */
export function loadMockConfig(source: string | object): MockConfig {
  let file: unknown = source;
  if (typeof source === 'string') {
    try {
      file = JSON.parse(source);
    } catch (e) {
      throw new MockConfigError(`The mock config is not valid JSON: ${(e as Error).message}`, '');
    }
  }
  const root = object(file, '');
  const machines = object(root.StateMachines, '/StateMachines');
  const responses = object(root.MockedResponses, '/MockedResponses');

  const parsed = new Map<string, Ranges>();
  for (const [name, value] of Object.entries(responses)) parsed.set(name, parseResponse(value, `/MockedResponses/${name}`));

  for (const [machine, value] of Object.entries(machines)) {
    const cases = object(object(value, `/StateMachines/${machine}`).TestCases, `/StateMachines/${machine}/TestCases`);
    for (const [testCase, mapping] of Object.entries(cases)) {
      const at = `/StateMachines/${machine}/TestCases/${testCase}`;
      for (const [state, response] of Object.entries(object(mapping, at))) {
        if (typeof response !== 'string') throw new MockConfigError(`State '${state}' must map to a mocked response name (a string)`, `${at}/${state}`);
        if (!parsed.has(response)) {
          throw new MockConfigError(`Unknown mocked response '${response}'; MockedResponses defines: ${list(parsed.keys())}`, `${at}/${state}`);
        }
      }
    }
  }

  const config = file as MockConfigFile;
  return {
    file: config,
    stateMachines: Object.keys(machines),
    testCases: (machine) => Object.keys(testCasesOf(config, machine)),
    resolver(machine, testCase, definition) {
      const cases = testCasesOf(config, machine);
      if (!Object.prototype.hasOwnProperty.call(cases, testCase)) {
        throw new MockConfigError(`Unknown test case '${testCase}' of state machine '${machine}'; it has: ${list(Object.keys(cases))}`, `/StateMachines/${machine}/TestCases`);
      }
      const mapping = cases[testCase]!;
      if (definition !== undefined) checkStates(mapping, definition, `/StateMachines/${machine}/TestCases/${testCase}`);
      return configResolver(mapping, parsed);
    },
  };
}

function testCasesOf(config: MockConfigFile, machine: string): Readonly<Record<string, Readonly<Record<string, string>>>> {
  if (!Object.prototype.hasOwnProperty.call(config.StateMachines, machine)) {
    throw new MockConfigError(`Unknown state machine '${machine}'; StateMachines defines: ${list(Object.keys(config.StateMachines))}`, '/StateMachines');
  }
  return config.StateMachines[machine]!.TestCases;
}

function checkStates(mapping: Readonly<Record<string, string>>, definition: unknown, at: string): void {
  const types = stateTypes(definition);
  for (const state of Object.keys(mapping)) {
    const type = types.get(state);
    if (type === undefined) throw new MockConfigError(`The test case mocks state '${state}', which the state machine does not have`, `${at}/${state}`);
    if (type !== 'Task') throw new MockConfigError(`The test case mocks state '${state}', which is a ${type} state; only Task states can be mocked`, `${at}/${state}`);
  }
}

function parseResponse(value: unknown, at: string): Ranges {
  const entries: Array<{ from: number; to: number; entry: MockedResponseEntry }> = [];
  const keys = Object.entries(object(value, at));
  if (keys.length === 0) throw new MockConfigError('A mocked response needs at least one invocation entry such as "0"', at);
  for (const [key, raw] of keys) {
    const where = `${at}/${key}`;
    const m = RANGE.exec(key);
    if (!m) throw new MockConfigError(`Invalid invocation key '${key}': use a 0-based integer ("0") or an inclusive range ("1-2")`, where);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new MockConfigError(`Invalid invocation range '${key}': the end is before the start`, where);
    const clash = entries.find((e) => from <= e.to && e.from <= to);
    if (clash) throw new MockConfigError(`Invocation range '${key}' overlaps another entry (${clash.from}-${clash.to})`, where);
    entries.push({ from, to, entry: parseEntry(raw, where) });
  }
  entries.sort((a, b) => a.from - b.from);
  return { entries };
}

function parseEntry(raw: unknown, at: string): MockedResponseEntry {
  const e = object(raw, at);
  const hasReturn = Object.prototype.hasOwnProperty.call(e, 'Return');
  const hasThrow = Object.prototype.hasOwnProperty.call(e, 'Throw');
  // AWS: "A response must contain a single field named Return or Throw".
  if (hasReturn === hasThrow) throw new MockConfigError(hasReturn ? 'An entry has both Return and Throw; give exactly one' : 'An entry needs a Return or a Throw field', at);
  const extra = Object.keys(e).filter((k) => k !== 'Return' && k !== 'Throw');
  if (extra.length) throw new MockConfigError(`Unknown field(s) ${extra.join(', ')}; an entry has a single Return or Throw field`, at);
  if (hasThrow) {
    const t = object(e.Throw, `${at}/Throw`);
    if (typeof t.Error !== 'string') throw new MockConfigError('Throw needs an Error string', `${at}/Throw`);
    if (t.Cause !== undefined && typeof t.Cause !== 'string') throw new MockConfigError('Throw.Cause must be a string', `${at}/Throw`);
  }
  return e as MockedResponseEntry;
}

/**
 * Serves a test case. AWS counts invocations of a mocked state per execution (retries and Map
 * iterations included: the guide asks for MaxConcurrency 1 to make Map responses predictable),
 * so the counter is per execution id and state name, not `context.attempt`.
 */
function configResolver(mapping: Readonly<Record<string, string>>, responses: ReadonlyMap<string, Ranges>): TaskResolver {
  const counters = new Map<string, Map<string, number>>();
  return {
    resolve({ stateName }) {
      const responseName = Object.prototype.hasOwnProperty.call(mapping, stateName) ? mapping[stateName] : undefined;
      if (responseName === undefined) return undefined;
      const ranges = responses.get(responseName)!;
      return {
        invoke(_input, context) {
          const id = context.context.Execution.Id;
          let perState = counters.get(id);
          if (!perState) counters.set(id, (perState = new Map()));
          const n = perState.get(stateName) ?? 0;
          perState.set(stateName, n + 1);
          const hit = ranges.entries.find((e) => e.from <= n && n <= e.to);
          if (!hit) {
            // AWS: "you must specify a mocked response for every invocation … the execution will fail".
            throw new StatesError(
              StatesErrors.Runtime,
              `The mocked response '${responseName}' has no entry for invocation ${n} (0-based) of Task state '${stateName}'.`,
            );
          }
          if (hit.entry.Throw) throw new StatesError(hit.entry.Throw.Error, hit.entry.Throw.Cause ?? '');
          return structuredClone(hit.entry.Return);
        },
      };
    },
  };
}

function object(v: unknown, at: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new MockConfigError('Expected a JSON object', at);
  return v as Record<string, unknown>;
}

function list(names: Iterable<string>): string {
  const a = [...names];
  return a.length ? a.map((n) => `'${n}'`).join(', ') : '(none)';
}
