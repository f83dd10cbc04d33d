/** The execution viewer: one self-contained HTML page that loads nothing from the network. */
import { escapeXml, jsonForScript } from './escape.js';
import { buildGraph } from './graph.js';
import type { HistoryInput } from './history.js';
import { svgFromGraph } from './svg.js';
import { viewerData } from './viewer-data.js';
import { VIEWER_SCRIPT } from './viewer-script.js';
import { VIEWER_STYLE } from './viewer-style.js';

/** Options of {@link renderExecutionHtml}. */
export interface ExecutionHtmlOptions {
  /** The page title (default: "Execution"). */
  readonly title?: string;
}

// The page may run only its own inline script and style, and fetch nothing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/**
 * One HTML file showing an execution of `definition` (an object or JSON text): the graph
 * coloured by outcome, a timeline of state runs with durations, every event, and on a click on a
 * state its runs with input, output, error, cause and retries (a Map's iterations, a Parallel's
 * branches). `history` is ours (`execution.history`) or an AWS `get-execution-history` export
 * (`{ "events": [...] }`). Throws `AslValidationError` for an invalid definition and
 * `AslUsageError` for a history that is not a list of events.
 */
export function renderExecutionHtml(definition: unknown, history: HistoryInput, options: ExecutionHtmlOptions = {}): string {
  const graph = buildGraph(definition, { history });
  const trace = graph.trace!;
  const title = options.title ?? 'Execution';
  const data = viewerData(graph, trace, title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>${VIEWER_STYLE}</style>
</head>
<body>
<header><h1>${escapeXml(title)}</h1><span class="asl-badge asl-b-${badgeClass(trace.status)}" id="asl-status">${trace.status}</span><span class="asl-meta">started ${escapeXml(data.started || 'at an unknown time')} · took ${escapeXml(data.duration || 'unknown')} · ${trace.runs.length} state runs · ${trace.events.length} events</span></header>
<main>
<section class="asl-card" id="asl-graph" aria-label="Graph">${svgFromGraph(graph)}</section>
<aside class="asl-card" id="asl-details" aria-live="polite"><h2>Details</h2><p class="asl-muted">Click a state to see its input, output, error and retries.</p><div id="asl-execution"></div></aside>
<section class="asl-card asl-timeline" aria-label="Timeline"><h2>Timeline</h2><div id="asl-gantt"></div>
<details><summary>All events (${trace.events.length})</summary><table><thead><tr><th>#</th><th>time</th><th>type</th><th>state</th><th>note</th></tr></thead><tbody id="asl-events"></tbody></table></details>
</section>
</main>
<script type="application/json" id="asl-data">${jsonForScript(data)}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}

function badgeClass(status: string): string {
  switch (status) {
    case 'SUCCEEDED':
      return 'succeeded';
    case 'RUNNING':
      return 'running';
    case 'ABORTED':
      return 'aborted';
    default:
      return 'failed';
  }
}
