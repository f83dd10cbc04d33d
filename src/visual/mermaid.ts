/** The graph as a Mermaid flowchart. */
import type { StateType } from '../definition/types.js';
import { escapeMermaid, truncate } from './escape.js';
import { buildGraph, type GraphEdge, type GraphNode, type GraphOptions, type StateGraph } from './graph.js';
import { OUTCOME_STYLES, OUTCOMES } from './palette.js';

/**
 * Mermaid flowchart text for `definition` (an object or JSON text): a node per state, an edge per
 * transition (Catch edges dashed, labelled with their errors; Choice edges with their condition),
 * a subgraph per Parallel branch and Map item processor. With a `history`, nodes are classed and
 * coloured by outcome and the edges the execution followed are drawn bold.
 */
export function toMermaid(definition: unknown, options: GraphOptions = {}): string {
  return mermaidFromGraph(buildGraph(definition, options));
}

/** Mermaid text for a built graph. */
export function mermaidFromGraph(graph: StateGraph): string {
  const lines = ['flowchart TD'];
  const emitCluster = (cluster: string | undefined, indent: string): void => {
    for (const node of graph.nodes) if (node.cluster === cluster) lines.push(indent + nodeLine(node));
    for (const sub of graph.subgraphs) {
      if (sub.parent !== cluster) continue;
      lines.push(`${indent}subgraph ${sub.id}["${escapeMermaid(sub.label)}"]`, `${indent}  direction TB`);
      emitCluster(sub.id, indent + '  ');
      lines.push(`${indent}end`);
    }
  };
  emitCluster(undefined, '  ');
  for (const edge of graph.edges) lines.push('  ' + edgeLine(edge));

  if (graph.trace) {
    for (const outcome of OUTCOMES) {
      const ids = graph.nodes.filter((n) => n.outcome === outcome).map((n) => n.id);
      const s = OUTCOME_STYLES[outcome];
      lines.push(`  classDef ${className(outcome)} fill:${s.fill},stroke:${s.stroke},stroke-width:2px${outcome === 'not-run' ? ',stroke-dasharray:4 3,color:#6b7280' : ''}`);
      if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${className(outcome)}`);
    }
    const taken = graph.edges.flatMap((e, i) => (e.taken ? [i] : []));
    if (taken.length > 0) lines.push(`  linkStyle ${taken.join(',')} stroke-width:3px`);
  }
  return lines.join('\n') + '\n';
}

const SHAPES: Record<StateType, [string, string]> = {
  Task: ['["', '"]'],
  Pass: ['["', '"]'],
  Choice: ['{"', '"}'],
  Wait: ['{{"', '"}}'],
  Succeed: ['(["', '"])'],
  Fail: ['(["', '"])'],
  Parallel: ['[["', '"]]'],
  Map: ['[["', '"]]'],
};

function nodeLine(node: GraphNode): string {
  if (node.kind === 'start' || node.kind === 'end') return `${node.id}(("${node.label}"))`;
  if (node.kind === 'join') return `${node.id}((" "))`;
  const [open, close] = SHAPES[node.stateType!];
  return `${node.id}${open}${escapeMermaid(node.label)}${close}`;
}

function edgeLine(edge: GraphEdge): string {
  const arrow = edge.kind === 'catch' ? '-.->' : '-->';
  const label = edge.label === undefined ? '' : `|"${escapeMermaid(truncate(edge.label, 60))}"|`;
  return `${edge.from} ${arrow}${label} ${edge.to}`;
}

function className(outcome: string): string {
  return outcome === 'not-run' ? 'notRun' : outcome;
}
