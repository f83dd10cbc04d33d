/**
 * `asl-runtime/visual`: see a state machine and what an execution did in it. Kept out of the
 * core import so that the layout library loads only for those who draw.
 * @packageDocumentation
 */
export { toMermaid } from './mermaid.js';
export { toDot } from './dot.js';
export { toSvg } from './svg.js';
export { buildGraph, stateNode, type StateGraph, type GraphNode, type GraphEdge, type Subgraph, type Outcome, type NodeKind, type EdgeKind, type GraphOptions } from './graph.js';
export type { HistoryInput, TraceEvent } from './history.js';
export type { ExecutionTrace, StateRun, RunStatus, RunError, MapIteration, Transition } from './trace.js';
export { formatDuration } from './duration.js';
export { renderExecutionHtml, type ExecutionHtmlOptions } from './html.js';
