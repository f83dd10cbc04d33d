import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryEvent } from '../runtime/history.js';

/**
 * Writes the execution viewer (one self-contained HTML file) for a run to `path`, creating its
 * folder. The viewer is imported only here, so `asl-runtime/testing` does not load it (or its
 * layout library) unless a report is asked for.
 */
export async function writeRunReport(path: string, definition: unknown, history: readonly HistoryEvent[], title: string): Promise<void> {
  const { renderExecutionHtml } = await import('../visual/index.js');
  const html = renderExecutionHtml(definition, history, { title });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html, 'utf8');
}
