/** GetExecutionHistory: the engine's AWS-shaped events, paged, optionally reversed and without data. */
import type { HistoryEvent } from '../../runtime/history.js';
import type { Action } from '../context.js';
import { flag, page, required } from '../params.js';
import { epochSeconds } from '../protocol.js';

/** Payload members left out with `includeExecutionData: false`. */
const DATA_MEMBERS = new Set(['input', 'output']);

/** One event on the wire: the timestamp in epoch seconds, details as the engine wrote them. */
export function wireEvent(e: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (key === 'timestamp') out.timestamp = epochSeconds(Date.parse(e.timestamp));
    else if (!includeData && key.endsWith('EventDetails') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).filter(([k]) => !DATA_MEMBERS.has(k)));
    } else out[key] = value;
  }
  return out;
}

export const getExecutionHistory: Action = (body, ctx) => {
  const record = ctx.registry.execution(required(body, 'executionArn', 2048));
  const reverse = flag(body, 'reverseOrder') ?? false;
  const includeData = flag(body, 'includeExecutionData') ?? true;
  const events = [...ctx.registry.history(record)];
  if (reverse) events.reverse();
  const { items, nextToken } = page(events, body, `GetExecutionHistory ${record.arn} ${String(reverse)}`);
  return { events: items.map((e) => wireEvent(e, includeData)), ...(nextToken ? { nextToken } : {}) };
};
