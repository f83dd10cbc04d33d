/** Positions for the graph, computed by dagre (a maintained layered-graph layout library). */
import dagre from '@dagrejs/dagre';
import { truncate } from './escape.js';
import type { GraphEdge, GraphNode, StateGraph, Subgraph } from './graph.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A node's box: `x`, `y` is its centre. */
export interface PlacedNode {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The label as drawn (long names are shortened). */
  readonly text: string;
}

export interface PlacedEdge {
  readonly edge: GraphEdge;
  readonly points: readonly Point[];
  /** Label centre and the label as drawn, when the edge has one. */
  readonly label?: { readonly x: number; readonly y: number; readonly text: string; readonly width: number };
}

export interface PlacedCluster {
  readonly subgraph: Subgraph;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly clusters: readonly PlacedCluster[];
}

export const NODE_FONT = 13;
export const CAPTION_FONT = 10.5;
export const EDGE_FONT = 10.5;
const MAX_NODE_CHARS = 34;
const MAX_EDGE_CHARS = 40;
const MARGIN = 16;

/**
 * Estimated width of `text` in a sans-serif font (no browser, so no measuring): wide scripts
 * and emoji count a full em, narrow letters less.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x2e80) em += 1;
    else if (/[il.,:;'|!ftj ]/.test(ch)) em += 0.32;
    else if (/[A-Z@%&mwMW#]/.test(ch)) em += 0.72;
    else em += 0.56;
  }
  return em * fontSize;
}

/** The caption under a state name: its type, and its outcome when there is one. */
export function caption(node: GraphNode): string {
  return node.outcome ? `${node.stateType} · ${node.outcome.replace('-', ' ')}` : node.stateType ?? '';
}

/** Lays out `graph` top to bottom, with Parallel branches and Map item processors as clusters. */
export function layoutGraph(graph: StateGraph): Layout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', ranker: 'tight-tree', nodesep: 28, ranksep: 40, edgesep: 14, marginx: MARGIN, marginy: MARGIN });
  const texts = new Map<string, string>();
  for (const node of graph.nodes) {
    const text = node.kind === 'state' ? truncate(node.label, MAX_NODE_CHARS) : node.label;
    texts.set(node.id, text);
    g.setNode(node.id, size(node, text));
  }
  // Cluster labels sit in the top padding.
  for (const sub of graph.subgraphs) g.setNode(sub.id, { label: sub.label, paddingTop: 22 });
  for (const node of graph.nodes) if (node.cluster !== undefined) g.setParent(node.id, node.cluster);
  for (const sub of graph.subgraphs) if (sub.parent !== undefined) g.setParent(sub.id, sub.parent);
  const labels = new Map<string, string>();
  for (const edge of graph.edges) {
    const config: Record<string, unknown> = { minlen: 1, weight: edge.kind === 'catch' ? 1 : 2 };
    if (edge.label !== undefined) {
      const text = truncate(edge.label, MAX_EDGE_CHARS);
      labels.set(edge.id, text);
      Object.assign(config, { width: textWidth(text, EDGE_FONT) + 10, height: EDGE_FONT + 8, labelpos: 'c' });
    }
    g.setEdge(edge.from, edge.to, config, edge.id);
  }
  // Keep Parallel branches in definition order, left to right.
  const constraints = graph.subgraphs.flatMap((sub, i) => {
    const next = graph.subgraphs[i + 1];
    return sub.kind === 'branch' && next?.kind === 'branch' && next.owner === sub.owner ? [{ left: sub.id, right: next.id }] : [];
  });
  dagre.layout(g, { constraints });

  const nodes = graph.nodes.map((node): PlacedNode => {
    const n = g.node(node.id) as { x: number; y: number; width: number; height: number };
    return { node, x: n.x, y: n.y, width: n.width, height: n.height, text: texts.get(node.id)! };
  });
  const edges = graph.edges.map((edge): PlacedEdge => {
    const e = g.edge({ v: edge.from, w: edge.to, name: edge.id }) as { points: Point[]; x?: number; y?: number; width?: number };
    const text = labels.get(edge.id);
    return {
      edge,
      points: e.points,
      ...(text !== undefined && e.x !== undefined && e.y !== undefined ? { label: { x: e.x, y: e.y, text, width: e.width ?? textWidth(text, EDGE_FONT) + 10 } } : {}),
    };
  });
  const clusters = graph.subgraphs.map((subgraph): PlacedCluster => {
    const c = g.node(subgraph.id) as { x: number; y: number; width: number; height: number };
    return { subgraph, x: c.x, y: c.y, width: c.width, height: c.height };
  });
  const label = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(label.width ?? 0), height: Math.ceil(label.height ?? 0), nodes, edges, clusters };
}

function size(node: GraphNode, text: string): { width: number; height: number } {
  if (node.kind === 'start' || node.kind === 'end') return { width: 40, height: 40 };
  if (node.kind === 'join') return { width: 12, height: 12 };
  const inner = Math.max(textWidth(text, NODE_FONT), textWidth(caption(node), CAPTION_FONT));
  // Choice is drawn with pointed sides, which need room beyond the text.
  const extra = node.stateType === 'Choice' ? 44 : 28;
  return { width: Math.max(96, Math.ceil(inner + extra)), height: 46 };
}
