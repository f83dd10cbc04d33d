/** The graph as Graphviz DOT. */
import type { StateType } from '../definition/types.js';
import { escapeDot, truncate } from './escape.js';
import { buildGraph, type GraphEdge, type GraphNode, type GraphOptions, type StateGraph } from './graph.js';
import { OUTCOME_STYLES, PLAIN_STYLE } from './palette.js';

/**
 * Graphviz DOT text for `definition` (an object or JSON text): the same nodes, edges and
 * clusters as {@link toMermaid}, filled by outcome when a `history` is given.
 */
export function toDot(definition: unknown, options: GraphOptions = {}): string {
  return dotFromGraph(buildGraph(definition, options));
}

/** DOT text for a built graph. */
export function dotFromGraph(graph: StateGraph): string {
  const lines = [
    'digraph "state machine" {',
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=11, nodesep=0.4, ranksep=0.5];',
    `  node [shape=box, style="rounded,filled", fillcolor="${PLAIN_STYLE.fill}", color="${PLAIN_STYLE.stroke}", fontname="Helvetica", fontsize=12];`,
    '  edge [fontname="Helvetica", fontsize=10, color="#4a5568"];',
  ];
  const emitCluster = (cluster: string | undefined, indent: string): void => {
    for (const node of graph.nodes) if (node.cluster === cluster) lines.push(indent + nodeLine(node));
    for (const sub of graph.subgraphs) {
      if (sub.parent !== cluster) continue;
      lines.push(`${indent}subgraph "cluster_${sub.id}" {`, `${indent}  label="${escapeDot(sub.label)}"; style="rounded,dashed"; color="#8a94a6";`);
      emitCluster(sub.id, indent + '  ');
      lines.push(`${indent}}`);
    }
  };
  emitCluster(undefined, '  ');
  for (const edge of graph.edges) lines.push('  ' + edgeLine(edge));
  lines.push('}');
  return lines.join('\n') + '\n';
}

const SHAPES: Partial<Record<StateType, string>> = { Choice: 'diamond', Wait: 'hexagon', Parallel: 'box3d', Map: 'box3d' };

function nodeLine(node: GraphNode): string {
  if (node.kind === 'start' || node.kind === 'end') return `"${node.id}" [label="${node.label}", shape=circle, style=filled, fillcolor="#2d3748", fontcolor="white", fontsize=10];`;
  if (node.kind === 'join') return `"${node.id}" [label="", shape=point, width=0.12];`;
  const attrs = [`label="${escapeDot(node.label)}"`];
  const shape = SHAPES[node.stateType!];
  const notRun = node.outcome === 'not-run';
  if (shape) attrs.push(`shape=${shape}`);
  // Non-box shapes cannot be rounded; a state that did not run is drawn dashed.
  if (shape || notRun) attrs.push(`style="${shape ? '' : 'rounded,'}filled${notRun ? ',dashed' : ''}"`);
  if (node.outcome) {
    const s = OUTCOME_STYLES[node.outcome];
    attrs.push(`fillcolor="${s.fill}"`, `color="${s.stroke}"`, 'penwidth=2', `tooltip="${escapeDot(`${node.label}: ${s.label}`)}"`);
    if (notRun) attrs.push('fontcolor="#6b7280"');
  }
  return `"${node.id}" [${attrs.join(', ')}];`;
}

function edgeLine(edge: GraphEdge): string {
  const attrs: string[] = [];
  if (edge.label !== undefined) attrs.push(`label="${escapeDot(truncate(edge.label, 60))}"`);
  if (edge.kind === 'catch') attrs.push('style=dashed', 'color="#c05621"', 'fontcolor="#c05621"');
  if (edge.taken) attrs.push('penwidth=2.5');
  return `"${edge.from}" -> "${edge.to}"${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`;
}
