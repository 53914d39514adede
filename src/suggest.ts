/**
 * "Did you mean …?" for misspelt config keys and type names.
 */

/**
 * Edit distance (Levenshtein, case-insensitive) between two words.
 *
 * @param a
 *   One word.
 * @param b
 *   The other word.
 */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * The candidates close to a word, closest first: within a third of the word's length in edits,
 * or containing it (case-insensitive).
 *
 * @param word
 *   What the user wrote.
 * @param candidates
 *   What exists.
 * @param limit
 *   At most this many (default: `5`).
 */
export function closest(word: string, candidates: Iterable<string>, limit = 5): string[] {
  const lower = word.toLowerCase();
  const budget = Math.max(2, Math.ceil(word.length / 3));
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= budget || (lower.length >= 3 && candidate.toLowerCase().includes(lower)),
    )
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
