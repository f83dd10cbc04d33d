/**
 * The graph model every renderer reads: a node per state (plus start, end and the join point
 * after each Parallel or Map), an edge per transition, a subgraph per Parallel branch and Map
 * item processor, and, given a history, each state's outcome.
 */
import type { Catcher, ChoiceState, MachineDefinition, StateDefinition, StateType } from '../definition/types.js';
import { describeRule } from './conditions.js';
import { loadDefinition } from './definition.js';
import { readHistory, type HistoryInput } from './history.js';
import { traceExecution, type ExecutionTrace, type StateRun } from './trace.js';

/**
 * What happened to a state in an execution. `retried`: it succeeded after at least one retry, or
 * it failed in an attempt of an enclosing Parallel or Map that Retry then ran again.
 */
export type Outcome = 'succeeded' | 'retried' | 'caught' | 'failed' | 'aborted' | 'running' | 'not-run';

/** `state` for a state; `start`/`end` for the execution's ends; `join` where a Parallel or Map continues. */
export type NodeKind = 'state' | 'start' | 'end' | 'join';

export interface GraphNode {
  /** A generated id, safe in every output format (`n3`, `j1`, `start`); never user text. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The state name (user text: escape it), or a fixed word for the other kinds. */
  readonly label: string;
  readonly stateName?: string;
  readonly stateType?: StateType;
  /** The subgraph holding the node; none at the top level. */
  readonly cluster?: string;
  /** For a join: the Parallel or Map node it belongs to. */
  readonly owner?: string;
  /** Given a history: the outcome over all of the state's runs (the worst one wins). */
  readonly outcome?: Outcome;
  /** Given a history: ids of the state's runs in {@link StateGraph.trace}. */
  readonly runs?: readonly number[];
}

/**
 * `start` (execution start → StartAt), `next`, `choice` (a Choice rule), `default` (a Choice
 * Default), `catch` (a Catcher), `end` (End: true, Succeed, or a top-level Fail), `branch`
 * (a Parallel or Map into a branch's StartAt).
 */
export type EdgeKind = 'start' | 'next' | 'choice' | 'default' | 'catch' | 'end' | 'branch';

export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** A Choice rule's condition, `Default`, or a Catcher's error names (user text: escape it). */
  readonly label?: string;
  /** Given a history: whether the execution went this way. */
  readonly taken?: boolean;
}

export interface Subgraph {
  readonly id: string;
  /** `branch` for a Parallel branch, `items` for a Map's item processor. */
  readonly kind: 'branch' | 'items';
  readonly label: string;
  /** The Parallel or Map node. */
  readonly owner: string;
  /** The enclosing subgraph, for nested branches. */
  readonly parent?: string;
  /** Branch number (0-based) for a Parallel branch. */
  readonly index?: number;
}

export interface StateGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly subgraphs: readonly Subgraph[];
  /** The definition that was drawn. */
  readonly definition: MachineDefinition;
  /** Given a history: what happened, run by run. */
  readonly trace?: ExecutionTrace;
}

/** Options shared by the renderers. */
export interface GraphOptions {
  /** An execution history (ours, or an AWS `get-execution-history` export) to colour the graph by outcome. */
  readonly history?: HistoryInput;
}

/**
 * Builds the graph of `definition` (an object or JSON text). Throws `AslValidationError` for an
 * invalid definition and `AslUsageError` for a history that is not a list of events.
 */
export function buildGraph(definition: unknown, options: GraphOptions = {}): StateGraph {
  const def = loadDefinition(definition);
  const builder = new Builder();
  builder.node({ id: 'xStart', kind: 'start', label: 'Start' });
  builder.edge('xStart', builder.stateId(def.StartAt), 'start');
  builder.scope(def, undefined, 'xEnd');
  builder.node({ id: 'xEnd', kind: 'end', label: 'End' });
  if (options.history === undefined) return { nodes: builder.nodes, edges: builder.edges, subgraphs: builder.subgraphs, definition: def };

  const trace = traceExecution(readHistory(options.history), (name) => builder.branchOf.get(name));
  return { ...applyTrace(builder, trace), definition: def, trace };
}

/** The node of a state, by name. */
export function stateNode(graph: StateGraph, name: string): GraphNode | undefined {
  return graph.nodes.find((n) => n.kind === 'state' && n.stateName === name);
}

class Builder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly subgraphs: Subgraph[] = [];
  /** Parallel branch index of every state inside a Parallel branch (names are unique machine-wide). */
  readonly branchOf = new Map<string, number>();
  /** State name of every edge's source state, for marking taken edges. */
  readonly edgeState = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  stateId(name: string): string {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = `n${this.ids.size}`));
    return id;
  }

  node(node: GraphNode): GraphNode {
    this.nodes.push(node);
    return node;
  }

  edge(from: string, to: string, kind: EdgeKind, label?: string, state?: string): void {
    const id = `e${this.edges.length}`;
    this.edges.push({ id, from, to, kind, ...(label !== undefined ? { label } : {}) });
    if (state !== undefined) this.edgeState.set(id, state);
  }

  /** Adds the states of one machine (top level, branch or item processor); `exit` is where End goes. */
  scope(machine: MachineDefinition, cluster: string | undefined, exit: string): void {
    for (const [name, state] of Object.entries(machine.States)) {
      const id = this.stateId(name);
      this.node({ id, kind: 'state', label: name, stateName: name, stateType: state.Type, ...(cluster !== undefined ? { cluster } : {}) });
      const source = this.nested(name, state, id, cluster);
      this.transitions(name, state, source, cluster === undefined, exit);
    }
  }

  /** Subgraphs of a Parallel or Map; returns the node its own transitions leave from. */
  private nested(name: string, state: StateDefinition, id: string, cluster: string | undefined): string {
    const machines = state.Type === 'Parallel' ? state.Branches : state.Type === 'Map' ? [state.ItemProcessor ?? state.Iterator!] : [];
    if (machines.length === 0) return id;
    const join = this.node({ id: `j${id.slice(1)}`, kind: 'join', label: `${name} done`, owner: id, ...(cluster !== undefined ? { cluster } : {}) });
    machines.forEach((machine, index) => {
      const sub: Subgraph = {
        id: `c${this.subgraphs.length}`,
        kind: state.Type === 'Parallel' ? 'branch' : 'items',
        label: state.Type === 'Parallel' ? `${name} · branch ${index + 1}` : `${name} · each item`,
        owner: id,
        ...(cluster !== undefined ? { parent: cluster } : {}),
        ...(state.Type === 'Parallel' ? { index } : {}),
      };
      this.subgraphs.push(sub);
      if (state.Type === 'Parallel') for (const inner of Object.keys(machine.States)) this.branchOf.set(inner, index);
      this.scope(machine, sub.id, join.id);
      this.edge(id, this.stateId(machine.StartAt), 'branch', undefined, name);
    });
    return join.id;
  }

  private transitions(name: string, state: StateDefinition, from: string, topLevel: boolean, exit: string): void {
    const to = (target: string) => this.stateId(target);
    switch (state.Type) {
      case 'Choice':
        this.choice(name, state, from);
        return;
      case 'Succeed':
        this.edge(from, exit, 'end', undefined, name);
        return;
      case 'Fail':
        // A nested Fail fails its branch, not the branch's end: only the top level draws it.
        if (topLevel) this.edge(from, exit, 'end', undefined, name);
        return;
      default:
        if (state.Next !== undefined) this.edge(from, to(state.Next), 'next', undefined, name);
        if (state.End === true) this.edge(from, exit, 'end', undefined, name);
        if ('Catch' in state && state.Catch) for (const c of state.Catch) this.catcher(name, c, from);
    }
  }

  private choice(name: string, state: ChoiceState, from: string): void {
    for (const rule of state.Choices) if (rule.Next !== undefined) this.edge(from, this.stateId(rule.Next), 'choice', describeRule(rule), name);
    if (state.Default !== undefined) this.edge(from, this.stateId(state.Default), 'default', 'Default', name);
  }

  private catcher(name: string, c: Catcher, from: string): void {
    this.edge(from, this.stateId(c.Next), 'catch', c.ErrorEquals.join(', '), name);
  }
}

const WORST_FIRST: readonly Outcome[] = ['failed', 'aborted', 'running', 'caught', 'retried', 'succeeded'];

function runOutcome(run: StateRun): Outcome {
  if (run.status === 'succeeded' && run.retries.length > 0) return 'retried';
  // A run that failed inside a Parallel or Map that was then retried did not fail the state for good.
  if ((run.status === 'failed' || run.status === 'aborted') && run.retriedAbove) return 'retried';
  return run.status;
}

/** Outcomes on nodes, `taken` on edges. */
function applyTrace(builder: Builder, trace: ExecutionTrace): Pick<StateGraph, 'nodes' | 'edges' | 'subgraphs'> {
  const runsOf = new Map<string, StateRun[]>();
  for (const run of trace.runs) {
    const list = runsOf.get(run.name);
    if (list) list.push(run);
    else runsOf.set(run.name, [run]);
  }
  const nodes = builder.nodes.map((node): GraphNode => {
    if (node.kind !== 'state') return node;
    const runs = runsOf.get(node.stateName!) ?? [];
    const outcomes = new Set(runs.map(runOutcome));
    const outcome = WORST_FIRST.find((o) => outcomes.has(o)) ?? 'not-run';
    return { ...node, outcome, runs: runs.map((r) => r.id) };
  });
  const nameOf = new Map(nodes.filter((n) => n.kind === 'state').map((n) => [n.id, n.stateName!]));
  const followed = new Set(trace.transitions.map((t) => `${t.from}\u0000${t.to}\u0000${t.caught}`));
  const edges = builder.edges.map((edge): GraphEdge => {
    const from = builder.edgeState.get(edge.id);
    const to = nameOf.get(edge.to);
    let taken: boolean;
    switch (edge.kind) {
      case 'start':
        taken = trace.runs.some((r) => r.name === to && r.parent === undefined);
        break;
      case 'branch':
        taken = (runsOf.get(to!) ?? []).length > 0;
        break;
      case 'end':
        taken = (runsOf.get(from!) ?? []).some((r) => r.status === 'succeeded' || (r.type === 'Fail' && r.status === 'failed'));
        break;
      case 'catch':
        taken = followed.has(`${from}\u0000${to}\u0000true`);
        break;
      default:
        taken = followed.has(`${from}\u0000${to}\u0000false`);
    }
    return { ...edge, taken };
  });
  return { nodes, edges, subgraphs: builder.subgraphs };
}
