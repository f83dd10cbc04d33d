import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AslUsageError } from '../errors.js';
import type { HistoryEvent } from '../runtime/history.js';

/** The part of `asl-runtime/visual` the report needs. */
interface Viewer {
  renderExecutionHtml(definition: unknown, history: readonly HistoryEvent[], options: { title?: string }): string;
}

/**
 * Writes the execution viewer (one self-contained HTML file) for a run to `path`, creating its
 * folder. The viewer is imported only here, so `asl-runtime/testing` does not load it (or its
 * layout library) unless a report is asked for.
 */
export async function writeRunReport(path: string, definition: unknown, history: readonly HistoryEvent[], title: string): Promise<void> {
  const visual = (await import('../visual/index.js')) as unknown as Partial<Viewer>;
  if (typeof visual.renderExecutionHtml !== 'function') throw new AslUsageError('reportOnFailure: this build has no execution viewer (renderExecutionHtml)');
  const html = visual.renderExecutionHtml(definition, history, { title });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html, 'utf8');
}
