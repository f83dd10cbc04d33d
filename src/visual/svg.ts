/** The graph as a standalone SVG document, laid out by dagre: no browser, no network. */
import { escapeXml } from './escape.js';
import { buildGraph, type GraphOptions, type Outcome, type StateGraph } from './graph.js';
import { CAPTION_FONT, caption, EDGE_FONT, layoutGraph, NODE_FONT, textWidth, type PlacedCluster, type PlacedEdge, type PlacedNode, type Point } from './layout.js';
import { OUTCOME_STYLES, OUTCOMES, PLAIN_STYLE } from './palette.js';

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
const EDGE_COLOUR = '#718096';
const TAKEN_COLOUR = '#1a202c';
const CATCH_COLOUR = '#c05621';
const LEGEND_HEIGHT = 28;

/**
 * A laid-out SVG drawing of `definition` (an object or JSON text). With a `history`, states are
 * filled by outcome, their caption says it, the edges the execution followed are drawn bold and a
 * legend is added. Every state is a `<g data-node="…" data-state="…">` for scripts to hook.
 */
export function toSvg(definition: unknown, options: GraphOptions = {}): string {
  return svgFromGraph(buildGraph(definition, options));
}

/** SVG text for a built graph. */
export function svgFromGraph(graph: StateGraph): string {
  const layout = layoutGraph(graph);
  const joins = new Map(layout.nodes.filter((p) => p.node.kind === 'join').map((p) => [p.node.id, { x: p.x, y: p.y }]));
  const outcomes = graph.trace ? OUTCOMES.filter((o) => graph.nodes.some((n) => n.outcome === o)) : [];
  const legend = outcomes.length > 0 ? legendRow(outcomes, layout.height) : '';
  const width = Math.max(layout.width, outcomes.length > 0 ? legendWidth(outcomes) + 32 : 0);
  const height = layout.height + (legend ? LEGEND_HEIGHT : 0);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="asl-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT}" role="img" aria-label="State machine graph">`,
    '<defs>',
    marker('asl-arrow', EDGE_COLOUR),
    marker('asl-arrow-taken', TAKEN_COLOUR),
    marker('asl-arrow-catch', CATCH_COLOUR),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    '<g class="asl-clusters">',
    ...layout.clusters.map(cluster),
    '</g>',
    '<g class="asl-edges">',
    ...layout.edges.map((e) => edge(e, joins)),
    '</g>',
    '<g class="asl-nodes">',
    ...layout.nodes.map(node),
    '</g>',
    legend,
    '</svg>',
  ].join('\n');
}

function marker(id: string, colour: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
}

function cluster(c: PlacedCluster): string {
  const x = c.x - c.width / 2;
  const y = c.y - c.height / 2;
  return (
    `<g class="asl-cluster" data-cluster="${c.subgraph.id}"><title>${escapeXml(c.subgraph.label)}</title>` +
    `<rect x="${r(x)}" y="${r(y)}" width="${r(c.width)}" height="${r(c.height)}" rx="10" fill="${c.subgraph.kind === 'items' ? '#f4f7fb' : '#f7f5fb'}" stroke="#a0aec0" stroke-dasharray="5 4"/>` +
    `<text x="${r(x + 10)}" y="${r(y + 15)}" font-size="11" fill="#4a5568">${escapeXml(clusterCaption(c))}</text></g>`
  );
}

/** Short, so that it stays clear of the edge entering the cluster's middle; the full label is the tooltip. */
function clusterCaption(c: PlacedCluster): string {
  return c.subgraph.kind === 'branch' ? `branch ${(c.subgraph.index ?? 0) + 1}` : 'each item';
}

function edge(e: PlacedEdge, joins: ReadonlyMap<string, Point>): string {
  const catchEdge = e.edge.kind === 'catch';
  // Edges meet in a join's centre, without an arrowhead: it is a merge point, not a step.
  const into = joins.get(e.edge.to);
  const from = joins.get(e.edge.from);
  const points = [...(from ? [from] : []), ...e.points.slice(from ? 1 : 0, into ? -1 : undefined)];
  if (into) {
    // dagre's last bends spread edges over the join's tiny border and can cross there; drop them.
    while (points.length > 1 && Math.hypot(points[points.length - 1]!.x - into.x, points[points.length - 1]!.y - into.y) < 30) points.pop();
    points.push(into);
  }
  const colour = catchEdge ? CATCH_COLOUR : e.edge.taken ? TAKEN_COLOUR : EDGE_COLOUR;
  const markerId = catchEdge ? 'asl-arrow-catch' : e.edge.taken ? 'asl-arrow-taken' : 'asl-arrow';
  const classes = ['asl-edge', `asl-edge-${e.edge.kind}`, ...(e.edge.taken ? ['asl-taken'] : [])].join(' ');
  const dash = catchEdge ? ' stroke-dasharray="6 4"' : '';
  const widthPx = e.edge.taken ? 2.4 : 1.3;
  const parts = [
    `<g class="${classes}" data-edge="${e.edge.id}" data-from="${e.edge.from}" data-to="${e.edge.to}">`,
    e.edge.label !== undefined ? `<title>${escapeXml(e.edge.label)}</title>` : '',
    `<path d="${path(points)}" fill="none" stroke="${colour}" stroke-width="${widthPx}"${dash}${into ? '' : ` marker-end="url(#${markerId})"`}/>`,
  ];
  if (e.label) {
    const { x, y, text, width } = e.label;
    parts.push(
      `<rect x="${r(x - width / 2)}" y="${r(y - (EDGE_FONT + 8) / 2)}" width="${r(width)}" height="${EDGE_FONT + 8}" rx="4" fill="#ffffff" fill-opacity="0.92"/>`,
      `<text x="${r(x)}" y="${r(y + EDGE_FONT / 2 - 1.5)}" text-anchor="middle" font-size="${EDGE_FONT}" fill="${catchEdge ? CATCH_COLOUR : '#2d3748'}">${escapeXml(text)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function node(p: PlacedNode): string {
  const n = p.node;
  if (n.kind === 'start' || n.kind === 'end') {
    return `<g class="asl-node asl-${n.kind}" data-node="${n.id}" transform="translate(${r(p.x)},${r(p.y)})"><circle r="${p.width / 2}" fill="#2d3748"/><text y="4" text-anchor="middle" font-size="11" fill="#ffffff">${n.label}</text></g>`;
  }
  if (n.kind === 'join') {
    return `<g class="asl-node asl-join" data-node="${n.id}" transform="translate(${r(p.x)},${r(p.y)})"><title>${escapeXml(n.label)}</title><circle r="${p.width / 2}" fill="#4a5568"/></g>`;
  }
  const style = n.outcome ? OUTCOME_STYLES[n.outcome] : PLAIN_STYLE;
  const notRun = n.outcome === 'not-run';
  const classes = ['asl-node', 'asl-state', `asl-type-${n.stateType}`, ...(n.outcome ? [`asl-outcome-${n.outcome}`] : [])].join(' ');
  const outcomeAttr = n.outcome ? ` data-outcome="${n.outcome}"` : '';
  const stroke = `fill="${style.fill}" stroke="${style.stroke}" stroke-width="${n.outcome && !notRun ? 2 : 1.3}"${notRun ? ' stroke-dasharray="4 3"' : ''}`;
  const title = `${n.label} (${n.stateType})${n.outcome ? `: ${OUTCOME_STYLES[n.outcome].label}` : ''}`;
  return [
    `<g class="${classes}" data-node="${n.id}" data-state="${escapeXml(n.label)}"${outcomeAttr} transform="translate(${r(p.x)},${r(p.y)})" tabindex="0">`,
    `<title>${escapeXml(title)}</title>`,
    shape(n.stateType!, p.width, p.height, stroke),
    `<text y="-3" text-anchor="middle" font-size="${NODE_FONT}" font-weight="600" fill="${notRun ? '#6b7280' : '#1a202c'}">${escapeXml(p.text)}</text>`,
    `<text y="13" text-anchor="middle" font-size="${CAPTION_FONT}" fill="${notRun ? '#8a94a6' : '#4a5568'}">${escapeXml(caption(n))}</text>`,
    '</g>',
  ].join('');
}

/** The outline of a state by type: pointed sides for Choice, a pill for Succeed/Fail, a double frame for Parallel/Map. */
function shape(type: string, w: number, h: number, paint: string): string {
  const x = -w / 2;
  const y = -h / 2;
  switch (type) {
    case 'Choice':
      return `<path class="asl-shape" d="M${r(x)},0 L${r(x + 16)},${r(y)} L${r(-x - 16)},${r(y)} L${r(-x)},0 L${r(-x - 16)},${r(-y)} L${r(x + 16)},${r(-y)} Z" ${paint}/>`;
    case 'Succeed':
    case 'Fail':
      return `<rect class="asl-shape" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="${r(h / 2)}" ${paint}/>`;
    case 'Parallel':
    case 'Map':
      return `<rect class="asl-shape" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="6" ${paint}/><rect x="${r(x + 3.5)}" y="${r(y + 3.5)}" width="${r(w - 7)}" height="${r(h - 7)}" rx="4" fill="none" stroke-opacity="0.5" ${paint.replace(/fill="[^"]*"/, '')}/>`;
    case 'Wait':
      return `<rect class="asl-shape" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="14" ${paint}/>`;
    default:
      return `<rect class="asl-shape" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="6" ${paint}/>`;
  }
}

/** A smooth path through dagre's points: straight ends, quadratic bends in between. */
function path(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let d = `M${r(first!.x)},${r(first!.y)}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const q = rest[i + 1]!;
    d += ` Q${r(p.x)},${r(p.y)} ${r((p.x + q.x) / 2)},${r((p.y + q.y) / 2)}`;
  }
  const last = rest[rest.length - 1];
  if (last) d += ` L${r(last.x)},${r(last.y)}`;
  return d;
}

function legendWidth(outcomes: readonly Outcome[]): number {
  return outcomes.reduce((w, o) => w + 26 + textWidth(OUTCOME_STYLES[o].label, 11) + 12, 0);
}

function legendRow(outcomes: readonly Outcome[], top: number): string {
  let x = 16;
  const items = outcomes.map((o) => {
    const s = OUTCOME_STYLES[o];
    const item = `<rect x="${r(x)}" y="${top + 6}" width="18" height="13" rx="3" fill="${s.fill}" stroke="${s.stroke}"${o === 'not-run' ? ' stroke-dasharray="3 2"' : ''}/><text x="${r(x + 24)}" y="${top + 17}" font-size="11" fill="#2d3748">${s.label}</text>`;
    x += 26 + textWidth(s.label, 11) + 12;
    return item;
  });
  return `<g class="asl-legend">${items.join('')}</g>`;
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}
