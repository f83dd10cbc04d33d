/**
 * Differential test of the hot-path rewrite (issue 13): the conformance cases and the bench
 * workloads, run through the current engine with a fixed clock, random and ids, must give the
 * result, error and history the engine before the rewrite gave (goldens from record.mjs, commit
 * 8ebbc12), byte for byte.
 *
 * The one documented difference: a Map that may run iterations concurrently (MaxConcurrency ≠ 1)
 * now runs a synchronous iteration to its end before starting the next, so each iteration's events
 * are contiguous — the shape of AWS's own MaxConcurrency 1 histories
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html) — where the old
 * engine interleaved them. For those cases the same events must appear (ids and previousEventId
 * aside), every previousEventId must point back, and synchronous iterations must be contiguous.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock, type TaskHandler } from '../../src/index.js';
import { STAND_INS, isStandIn } from '../conformance/handlers.js';
import { benchHandlers, realHandlers, runCase, type DifferentialCase } from './fixtures.mjs';

interface Golden extends DifferentialCase {
  readonly thrown?: string;
  readonly result?: unknown;
  readonly history?: readonly Event[];
}
interface Event {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  readonly [detail: string]: unknown;
}

const GOLDEN = new URL('./golden/', import.meta.url);
const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.json')).sort();

function handlersFor(c: DifferentialCase): Record<string, TaskHandler> | undefined {
  if (c.handlers === undefined) return undefined;
  if (c.handlers === 'bench') return benchHandlers as Record<string, TaskHandler>;
  if (c.handlers === 'real') return realHandlers(c.definition);
  const out: Record<string, TaskHandler> = {};
  for (const [resource, name] of Object.entries(c.handlers)) {
    if (!isStandIn(name)) throw new Error(`${c.id}: unknown stand-in ${name}`);
    out[resource] = STAND_INS[name];
  }
  return out;
}

/** Every state object in a definition, nested ones included. */
function* states(node: unknown): Generator<Record<string, unknown>> {
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.Type === 'string') yield o;
  for (const value of Object.values(o)) yield* states(value);
}

/** Whether a Map in the definition may run iterations concurrently (MaxConcurrency absent or ≠ 1). */
const hasConcurrentMap = (c: DifferentialCase) => [...states(c.definition)].some((s) => s.Type === 'Map' && s.MaxConcurrency !== 1);

/**
 * Whether every iteration finishes without waiting on anything outside the engine: no Wait and
 * no asynchronous handler (the conformance stand-ins are all async; the bench handlers are not).
 */
const iterationsAreSynchronous = (c: DifferentialCase) =>
  (c.handlers === undefined || c.handlers === 'bench' || c.handlers === 'real') && ![...states(c.definition)].some((s) => s.Type === 'Wait');

/** An event as text without its place in the log, for comparing the events as a multiset. */
const placeless = ({ id: _id, previousEventId: _previous, ...rest }: Event) => JSON.stringify(rest);

/**
 * Checks that each Map iteration's events are contiguous: MapIteration{Started → Succeeded |
 * Failed | Aborted} nest like brackets, so no iteration of the same Map starts or ends inside
 * another. Returns the first violation or undefined.
 */
function iterationsInterleave(events: readonly Event[]): string | undefined {
  const open: string[] = [];
  for (const e of events) {
    const details = e.mapIterationStartedEventDetails ?? e.mapIterationSucceededEventDetails ?? e.mapIterationFailedEventDetails ?? e.mapIterationAbortedEventDetails;
    if (!e.type.startsWith('MapIteration')) continue;
    const key = JSON.stringify(details);
    if (e.type === 'MapIterationStarted') open.push(key);
    else if (open.pop() !== key) return `event ${e.id} (${e.type} ${key}) closes an iteration that is not the innermost open one`;
  }
  return open.length ? `iterations never closed: ${open.join(', ')}` : undefined;
}

for (const file of files) {
  const golden = JSON.parse(readFileSync(new URL(file, GOLDEN), 'utf8')) as { recordedWith: string; cases: Golden[] };
  describe(`${file} (recorded with ${golden.recordedWith})`, () => {
    for (const c of golden.cases) {
      it(c.id, async () => {
        const now = await runCase({ StateMachine, VirtualClock }, c, handlersFor(c));
        expect(now.thrown).toBe(c.thrown);
        if (c.thrown !== undefined) return;
        expect(now.result).toBe(JSON.stringify(c.result));
        const before = JSON.stringify(c.history);
        if (now.history === before) return;
        // Only the documented Map order may differ.
        if (!hasConcurrentMap(c)) expect(now.history).toBe(before);
        const events = JSON.parse(now.history ?? '[]') as Event[];
        expect(events.map(placeless).sort()).toEqual((c.history ?? []).map(placeless).sort());
        const ids = events.map((e) => e.id);
        expect(ids).toEqual(ids.map((_, i) => i + 1));
        for (const e of events) expect(e.previousEventId, `event ${e.id}`).toBeLessThan(e.id);
        if (iterationsAreSynchronous(c)) expect(iterationsInterleave(events)).toBeUndefined();
      });
    }
  });
}
