/**
 * Waiting for an execution to settle, bounded: a stopped execution ends at once, but a request
 * or a shutdown must not hang if the engine is slow to settle (reliability finding D1).
 */
export async function settled(done: Promise<unknown>, ms = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
