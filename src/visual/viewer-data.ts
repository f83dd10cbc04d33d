/**
 * The data the execution viewer page embeds: everything pre-formatted here, so the page's
 * script only builds DOM from it.
 */
import { formatDuration } from './duration.js';
import type { StateGraph } from './graph.js';
import type { ExecutionTrace, StateRun } from './trace.js';

export interface ViewerRun {
  readonly id: number;
  readonly name: string;
  /** The graph node of the state; absent for a state the definition does not have. */
  readonly node?: string;
  readonly status: string;
  readonly retried: number;
  readonly start: number;
  readonly end: number;
  readonly at: string;
  readonly duration: string;
  readonly where?: string;
  readonly parent?: number;
  readonly iteration?: number;
  readonly branch?: number;
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly retries: readonly { readonly error?: string; readonly cause?: string; readonly at: string }[];
  readonly iterations?: readonly { readonly index: number; readonly status: string; readonly duration: string }[];
  readonly children: readonly number[];
}

export interface ViewerData {
  readonly title: string;
  readonly status: string;
  readonly started: string;
  readonly duration: string;
  readonly error?: string;
  readonly cause?: string;
  readonly input?: string;
  readonly output?: string;
  readonly total: number;
  readonly states: Readonly<Record<string, { readonly name: string; readonly type: string; readonly outcome: string; readonly runs: readonly number[]; readonly branches?: number }>>;
  readonly runs: readonly ViewerRun[];
  readonly events: readonly { readonly id: number; readonly at: string; readonly type: string; readonly run?: number; readonly name?: string; readonly note?: string }[];
  /** Events left out of the embedded list (very long histories). */
  readonly eventsOmitted: number;
}

/** Events listed in the page at most; the graph and runs always cover the whole history. */
export const MAX_LISTED_EVENTS = 5000;

/** Builds the viewer's data from a graph built with a history. */
export function viewerData(graph: StateGraph, trace: ExecutionTrace, title: string): ViewerData {
  const t0 = trace.start;
  const offset = (time: number) => (Number.isFinite(time) && Number.isFinite(t0) ? `+${formatDuration(time - t0)}` : '');
  const nodeOf = new Map(graph.nodes.filter((n) => n.kind === 'state').map((n) => [n.stateName!, n.id]));
  const children = new Map<number, number[]>();
  for (const run of trace.runs) {
    if (run.parent === undefined) continue;
    const list = children.get(run.parent.run);
    if (list) list.push(run.id);
    else children.set(run.parent.run, [run.id]);
  }
  const states: Record<string, ViewerData['states'][string]> = {};
  for (const node of graph.nodes) {
    if (node.kind !== 'state') continue;
    const def = findState(graph, node.stateName!);
    states[node.id] = {
      name: node.stateName!,
      type: node.stateType!,
      outcome: node.outcome ?? 'not-run',
      runs: node.runs ?? [],
      ...(def?.Type === 'Parallel' ? { branches: def.Branches.length } : {}),
    };
  }
  const runs = trace.runs.map((run): ViewerRun => ({
    id: run.id,
    name: run.name,
    ...(nodeOf.has(run.name) ? { node: nodeOf.get(run.name)! } : {}),
    status: run.status,
    retried: run.retries.length,
    start: finite(run.start - t0),
    end: finite(run.end - t0),
    at: offset(run.start),
    duration: formatDuration(run.end - run.start),
    ...where(run, trace),
    ...(run.input !== undefined ? { input: run.input } : {}),
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.failure?.error !== undefined ? { error: run.failure.error } : {}),
    ...(run.failure?.cause !== undefined ? { cause: run.failure.cause } : {}),
    retries: run.retries.map((r) => ({ ...(r.error !== undefined ? { error: r.error } : {}), ...(r.cause !== undefined ? { cause: r.cause } : {}), at: offset(r.time) })),
    ...(run.type === 'Map' ? { iterations: [...run.iterations].sort((a, b) => a.index - b.index).map((i) => ({ index: i.index, status: i.status, duration: i.end !== undefined ? formatDuration(i.end - i.start) : '' })) } : {}),
    children: children.get(run.id) ?? [],
  }));
  const listed = trace.events.slice(0, MAX_LISTED_EVENTS);
  return {
    title,
    status: trace.status,
    started: Number.isFinite(t0) ? new Date(t0).toISOString() : '',
    duration: formatDuration(trace.end - t0),
    ...(trace.error !== undefined ? { error: trace.error } : {}),
    ...(trace.cause !== undefined ? { cause: trace.cause } : {}),
    ...(trace.input !== undefined ? { input: trace.input } : {}),
    ...(trace.output !== undefined ? { output: trace.output } : {}),
    total: finite(trace.end - t0),
    states,
    runs,
    events: listed.map((e) => {
      const run = trace.eventRun.get(e.id);
      const d = e.details ?? {};
      const note = typeof d.error === 'string' ? d.error : typeof d.index === 'number' ? `iteration ${d.index}` : undefined;
      return { id: e.id, at: offset(e.time), type: e.type, ...(run !== undefined ? { run, name: trace.runs[run]!.name } : {}), ...(note !== undefined ? { note } : {}) };
    }),
    eventsOmitted: trace.events.length - listed.length,
  };
}

function where(run: StateRun, trace: ExecutionTrace): Pick<ViewerRun, 'where' | 'parent' | 'iteration' | 'branch'> {
  if (!run.parent) return {};
  const owner = trace.runs[run.parent.run]!.name;
  const { iteration, branch } = run.parent;
  let text = iteration !== undefined ? `${owner}, iteration ${iteration}` : branch !== undefined ? `${owner}, branch ${branch + 1}` : owner;
  if (run.retriedAbove) text += `; ${owner} was retried`;
  return { where: text, parent: run.parent.run, ...(iteration !== undefined ? { iteration } : {}), ...(branch !== undefined ? { branch } : {}) };
}

function findState(graph: StateGraph, name: string) {
  const search = (states: StateGraph['definition']['States']): StateGraph['definition']['States'][string] | undefined => {
    if (Object.hasOwn(states, name)) return states[name];
    for (const s of Object.values(states)) {
      const nested = s.Type === 'Parallel' ? s.Branches : s.Type === 'Map' ? [s.ItemProcessor ?? s.Iterator!] : [];
      for (const m of nested) {
        const found = search(m.States);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(graph.definition.States);
}

function finite(n: number): number {
  return Number.isFinite(n) ? n : 0;
}
