/**
 * The time stamped on history events. Reading the wall clock costs more than writing an event,
 * so for the RealClock one reading serves up to 32 events within one microtask turn: a burst of
 * synchronous states shares it, and any await (where real time can pass) ends it. Timestamps
 * then lag real time by at most the work of 31 events. Every other clock (a VirtualClock, a
 * clock of the caller's own) is read for every event, so its histories stay exactly as they were.
 */
import { RealClock, type Clock } from './clock.js';

/** Events one wall-clock reading may serve. */
const READING_USES = 32;

/** Tells the time for each event written to one log. */
export class EventTime {
  private readonly clock: Clock | undefined;
  private readonly fn: (() => number) | undefined;
  private readonly cached: boolean;
  private value = 0;
  /** Events the cached value may still serve. */
  private uses = 0;
  private expiryQueued = false;
  /** Made with the first cached reading: only the RealClock needs it. */
  private expire: (() => void) | undefined = undefined;

  /** @param source the execution's clock, or a function returning epoch ms (read every time) */
  constructor(source: Clock | (() => number)) {
    if (typeof source === 'function') {
      this.clock = undefined;
      this.fn = source;
      this.cached = false;
    } else {
      this.clock = source;
      this.fn = undefined;
      this.cached = source instanceof RealClock;
    }
  }

  /** The time (epoch ms) for the next event. */
  now(): number {
    if (this.uses > 0) {
      this.uses--;
      return this.value;
    }
    const t = this.clock !== undefined ? this.clock.now() : this.fn!();
    if (this.cached) {
      this.value = t;
      this.uses = READING_USES - 1;
      if (!this.expiryQueued) {
        this.expiryQueued = true;
        queueMicrotask(
          (this.expire ??= () => {
            this.uses = 0;
            this.expiryQueued = false;
          }),
        );
      }
    }
    return t;
  }
}

let lastMs = Number.NaN;
let lastText = '';

/**
 * ISO-8601 text of a time (`Date.prototype.toISOString`), remembering the last one: executions
 * started in the same millisecond (or at one VirtualClock time) share it, and formatting a date
 * costs more than the rest of setting an execution up.
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastText;
}
