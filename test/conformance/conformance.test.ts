/**
 * Table-driven AWS-behaviour suite: every file under cases/ is one execution whose outcome the
 * AWS Step Functions developer guide states (each case cites its page). A case marked
 * `knownDifference` is a place where the engine still disagrees with the guide; it runs as
 * `it.fails`, so the suite stays green while the difference stays visible and flips when fixed.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock, type TaskHandler } from '../../src/index.js';
import { STAND_INS } from './handlers.js';
import { loadCases, type ConformanceCase } from './load-cases.js';

const START = '2024-01-01T00:00:00Z';
const cases = loadCases(fileURLToPath(new URL('./cases', import.meta.url)));

async function runCase(c: ConformanceCase): Promise<void> {
  const handlers: Record<string, TaskHandler> = {};
  for (const [resource, name] of Object.entries(c.handlers ?? {})) handlers[resource] = STAND_INS[name];
  const execution = new StateMachine(c.definition).start(c.input, { clock: new VirtualClock(START), handlers });
  const result = await execution.result;
  const want = c.expected;
  // Status, error and cause first, so a wrong outcome reports its error rather than a missing output.
  expect({ status: result.status, error: result.error, cause: want.cause === undefined ? undefined : result.cause })
    .toEqual({ status: want.status, error: want.error, cause: want.cause });
  if ('output' in want) expect(result.output).toEqual(want.output);
  const history = execution.history;
  if (want.historyTypes) expect(history.map((e) => e.type)).toEqual(want.historyTypes);
  if (want.elapsedSeconds !== undefined) {
    const last = history.at(-1);
    if (last === undefined) throw new Error('the execution has no history events');
    expect((Date.parse(last.timestamp) - Date.parse(START)) / 1000).toBe(want.elapsedSeconds);
  }
}

it('has at least 60 cases, each in a category folder', () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
  for (const c of cases) expect(c.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
});

const categories = [...new Set(cases.map((c) => c.category))];
for (const category of categories) {
  describe(category, () => {
    for (const c of cases.filter((x) => x.category === category)) {
      const title = `${c.id}: ${c.description}`;
      if (c.knownDifference) it.fails(`${title} [known difference: ${c.knownDifference}]`, () => runCase(c));
      else it(title, () => runCase(c));
    }
  });
}
