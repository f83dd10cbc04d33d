/** Colours per outcome, shared by the Mermaid, DOT, SVG and HTML renderers. */
import type { Outcome } from './graph.js';

export interface OutcomeStyle {
  readonly fill: string;
  readonly stroke: string;
  /** What a reader sees in legends and captions. */
  readonly label: string;
}

export const OUTCOME_STYLES: Readonly<Record<Outcome, OutcomeStyle>> = {
  succeeded: { fill: '#dcf3e3', stroke: '#2f855a', label: 'succeeded' },
  retried: { fill: '#fdf0c8', stroke: '#b7791f', label: 'retried' },
  caught: { fill: '#fde1c7', stroke: '#c05621', label: 'caught' },
  failed: { fill: '#fbd9d7', stroke: '#c53030', label: 'failed' },
  aborted: { fill: '#e6e8ec', stroke: '#5f6b7a', label: 'aborted' },
  running: { fill: '#dbe8fb', stroke: '#2b6cb0', label: 'running' },
  'not-run': { fill: '#ffffff', stroke: '#a0a8b4', label: 'not run' },
};

/** Nodes without a history. */
export const PLAIN_STYLE = { fill: '#f7f9fc', stroke: '#4a5568' } as const;

export const OUTCOMES = Object.keys(OUTCOME_STYLES) as Outcome[];
