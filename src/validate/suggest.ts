import { editDistance } from '../query/edit-distance.js';

export { editDistance };

/**
 * The candidate closest to `word` (case-insensitive match first, then edit distance of at most
 * a third of the word's length, minimum 1), or undefined when nothing is close.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let count = 0;
  for (const candidate of candidates) {
    if (++count > 2000) break;
    if (candidate === word) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    if (word.length > 200 || candidate.length > 200) continue;
    const d = editDistance(lower, candidate.toLowerCase(), limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `"; did you mean 'X'?"` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}
