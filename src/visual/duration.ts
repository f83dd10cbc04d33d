/** Human-readable durations for the viewer and labels: "3 ms", "4.2 s", "2 min 5 s", "1 h 0 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim((ms / 1000).toFixed(1))} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (ms < 3_600_000) return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (ms < 86_400_000) return `${Math.floor(totalMinutes / 60)} h ${totalMinutes % 60} min`;
  const totalHours = Math.floor(totalMinutes / 60);
  return `${Math.floor(totalHours / 24)} d ${totalHours % 24} h`;
}

function trim(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}
