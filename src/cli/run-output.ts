/**
 * What `run` prints as the execution goes: a row per state that finished (kind, name, duration,
 * aligned), a line per failure and per Wait that waits, or with `--history` every event with its
 * details on one line.
 */
import type { MachineDefinition } from '../definition/types.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { detailsOf, isStateEntered, isStateExited, type HistoryEvent } from '../runtime/history.js';
import { Style } from './colour.js';
import { formatDuration as formatElapsed } from '../visual/duration.js';

/** How rows are printed. */
export interface RunPrinterOptions {
  /** `paint(text, style)`: colour or not. */
  readonly paint: (text: string, style: number) => string;
  /** Every event on one line instead of state rows. */
  readonly history: boolean;
  /** Time is virtual: Waits pass at once. */
  readonly virtual: boolean;
  readonly write: (text: string) => void;
}

/** Longest name a row makes room for; longer ones push their own duration right. */
const MAX_NAME_WIDTH = 40;
/** "Parallel" is the longest state type. */
const KIND_WIDTH = 8;
/** Longest payload shown in a history line. */
const MAX_VALUE = 80;

/** Prints an execution as it runs. */
export class RunPrinter {
  private readonly entered = new Map<string, number>();
  private readonly nameWidth: number;
  private typeWidth = 0;

  constructor(
    definition: MachineDefinition,
    private readonly options: RunPrinterOptions,
  ) {
    this.nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(4, ...stateNames(definition).map((n) => n.length)));
  }

  /** A history event, as it is written. */
  event(e: HistoryEvent): void {
    if (this.options.history) return this.options.write(this.historyLine(e) + '\n');
    const time = Date.parse(e.timestamp);
    const enteredName = isStateEntered(e) ? e.stateEnteredEventDetails?.name : undefined;
    if (enteredName !== undefined) this.entered.set(enteredName, time);
    const name = isStateExited(e) ? e.stateExitedEventDetails?.name : undefined;
    if (name !== undefined) {
      const ms = time - (this.entered.get(name) ?? time);
      const kind = e.type.slice(0, -'StateExited'.length);
      return this.options.write(`${kind.padEnd(KIND_WIDTH)}  ${name.padEnd(this.nameWidth)}  ${formatElapsed(ms, this.entered.get(name)).padStart(9)}\n`);
    }
    if (e.type === 'ExecutionFailed' || e.type === 'ExecutionTimedOut' || e.type === 'ExecutionAborted') return;
    if (e.type === 'FailStateEntered' || e.type.endsWith('Failed') || e.type.endsWith('TimedOut')) {
      const d = detailsOf(e) as { name?: unknown; error?: unknown } | undefined;
      const what = [typeof d?.name === 'string' ? d.name : '', typeof d?.error === 'string' ? d.error : ''].filter(Boolean).join('  ');
      this.options.write(this.options.paint(`${e.type}  ${what}`.trimEnd(), Style.red) + '\n');
    }
  }

  /** A Wait state starts waiting `ms` until `until` (epoch ms). */
  wait(state: string, until: number, ms: number): void {
    const hint = this.options.virtual ? 'virtual time, no real wait' : 'pass --virtual-time to skip';
    this.options.write(this.options.paint(`Wait '${state}' until ${clockTime(until, until - ms)} (${formatElapsed(ms, until - ms)}) — ${hint}`, Style.cyan) + '\n');
  }

  /** The outcome, after the last event. */
  result(result: ExecutionResult): void {
    const { paint, write } = this.options;
    write(`\n${paint(result.status, result.status === 'SUCCEEDED' ? Style.green : Style.red)}\n`);
    if (result.status === 'SUCCEEDED') write(JSON.stringify(result.output, null, 2) + '\n');
    else if (result.status !== 'SUSPENDED') write(`error: ${result.error ?? ''}\ncause: ${result.cause ?? ''}\n`);
  }

  /** `  12  10:00:00.000  TaskStateEntered          name=Charge input={"total":5}` */
  private historyLine(e: HistoryEvent): string {
    this.typeWidth = Math.max(this.typeWidth, 26, e.type.length);
    const details = Object.entries(detailsOf(e) ?? {})
      .filter(([key, value]) => value !== undefined && !key.endsWith('Details'))
      .map(([key, value]) => `${key}=${shorten(typeof value === 'string' ? value : JSON.stringify(value))}`);
    const time = e.timestamp.slice(11, 23);
    return `${String(e.id).padStart(4)}  ${this.options.paint(time, Style.dim)}  ${e.type.padEnd(this.typeWidth)}  ${details.join(' ')}`.trimEnd();
  }
}

/** `10:00:00Z` on the same day as `from`, else the whole date and time. */
function clockTime(at: number, from: number): string {
  const iso = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return iso.slice(0, 10) === new Date(from).toISOString().slice(0, 10) ? iso.slice(11) : iso;
}

function shorten(text: string): string {
  return text.length <= MAX_VALUE ? text : `${text.slice(0, MAX_VALUE - 1)}…`;
}

/** Every state name in the machine, inside Parallel branches and Map processors too. */
function stateNames(definition: MachineDefinition): string[] {
  const names: string[] = [];
  const visit = (machine: unknown): void => {
    const states = (machine as { States?: unknown } | undefined)?.States;
    if (states === null || typeof states !== 'object') return;
    for (const [name, state] of Object.entries(states)) {
      names.push(name);
      const s = state as { Branches?: unknown; Iterator?: unknown; ItemProcessor?: unknown };
      if (Array.isArray(s.Branches)) s.Branches.forEach(visit);
      visit(s.Iterator);
      visit(s.ItemProcessor);
    }
  };
  visit(definition);
  return names;
}
