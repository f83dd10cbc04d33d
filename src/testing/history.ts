import type { Execution } from '../runtime/execution.js';
import { isStateEntered, type HistoryEvent } from '../runtime/history.js';

/**
 * The names of the states entered, in history order (Parallel branches and Map iterations
 * included, interleaved as they ran; a retried state appears once per entry, not per attempt).
 *
 * @example
 * expect(visitedStates(execution)).toEqual(['Validate', 'Charge', 'Ship']);
 */
export function visitedStates(source: Execution | readonly HistoryEvent[]): string[] {
  const events = Array.isArray(source) ? (source as readonly HistoryEvent[]) : (source as Execution).history;
  const names: string[] = [];
  for (const e of events) {
    if (!isStateEntered(e)) continue;
    const details = e.stateEnteredEventDetails;
    if (details?.name !== undefined) names.push(details.name);
  }
  return names;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const ACCOUNT_ARN = /arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}):/g;

/**
 * A copy of `history` that is stable across runs, for snapshot tests:
 * - each event's `timestamp` becomes its offset from the first event (`"+0ms"`, `"+86400000ms"`),
 *   which under a VirtualClock is exact;
 * - every UUID (execution names, request ids, task tokens) becomes `<uuid-1>`, `<uuid-2>`…,
 *   numbered by first appearance so equal ids stay equal;
 * - ISO timestamps inside payloads (`$$.State.EnteredTime`…) become `<time-1>`…;
 * - the region and account in ARNs become `<region>` and `<account>`.
 * Strings inside JSON payload fields (`input`, `output`…) are rewritten too.
 *
 * @example
 * expect(normaliseHistory(execution.history)).toMatchSnapshot();
 */
export function normaliseHistory(history: readonly HistoryEvent[]): unknown[] {
  const uuids = new Map<string, string>();
  const times = new Map<string, string>();
  const numbered = (table: Map<string, string>, prefix: string) => (v: string) => {
    const key = v.toLowerCase();
    let out = table.get(key);
    if (!out) table.set(key, (out = `<${prefix}-${table.size + 1}>`));
    return out;
  };
  const text = (s: string): string =>
    s
      .replace(ACCOUNT_ARN, (_m, partition: string, service: string) => `arn:${partition}:${service}:<region>:<account>:`)
      .replace(UUID, numbered(uuids, 'uuid'))
      .replace(ISO_TIME, numbered(times, 'time'));
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  const start = history.length ? Date.parse(history[0]!.timestamp) : 0;
  return history.map((e) => {
    const { id, previousEventId, timestamp, type, ...details } = e;
    return { id, previousEventId, timestamp: `+${Date.parse(timestamp) - start}ms`, type, ...(walk(details) as object) };
  });
}
