// Python's difflib.get_close_matches, which click uses to suggest an option for a misspelled one
// ("No such option: --nmae Did you mean --name?"). Same algorithm, so the same suggestions:
// SequenceMatcher's ratio (2 * matched characters / total length, matched characters found as
// the longest common block, then recursively left and right of it), cutoff 0.6, at most 3.

/** Characters both strings share in SequenceMatcher's matching blocks (no junk: the words are short). */
function matchedCharacters(a: string, b: string): number {
  const positions = new Map<string, number[]>();
  for (let j = 0; j < b.length; j++) {
    const list = positions.get(b[j]!) ?? [];
    list.push(j);
    positions.set(b[j]!, list);
  }
  let total = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    // Longest block, earliest in a, then earliest in b, as find_longest_match picks it.
    let besti = alo;
    let bestj = blo;
    let bestSize = 0;
    let lengths = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of positions.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (lengths.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestSize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestSize = k;
        }
      }
      lengths = next;
    }
    if (bestSize === 0) continue;
    total += bestSize;
    if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
    if (besti + bestSize < ahi && bestj + bestSize < bhi) queue.push([besti + bestSize, ahi, bestj + bestSize, bhi]);
  }
  return total;
}

/** difflib's ratio with `word` as seq2 and `candidate` as seq1, as get_close_matches sets them. */
function similarity(word: string, candidate: string): number {
  const length = word.length + candidate.length;
  return length === 0 ? 1 : (2 * matchedCharacters(candidate, word)) / length;
}

/** The candidates at least `cutoff` similar to `word`, best first, at most `n` (difflib's defaults). */
export function closeMatches(word: string, candidates: readonly string[], n = 3, cutoff = 0.6): string[] {
  return candidates
    .map((candidate) => ({ candidate, score: similarity(word, candidate) }))
    .filter((m) => m.score >= cutoff)
    // heapq.nlargest on (score, candidate): ties go to the larger string.
    .sort((x, y) => y.score - x.score || (x.candidate < y.candidate ? 1 : x.candidate > y.candidate ? -1 : 0))
    .slice(0, n)
    .map((m) => m.candidate);
}
