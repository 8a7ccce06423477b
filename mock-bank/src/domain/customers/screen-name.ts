/**
 * Sanctions screening for the sandbox: a fuzzy match of a customer's name against a small
 * fixture list of fictional sanctioned people. Pure, so the scores are easy to test and document.
 */

export type SanctionsEntry = { id: string; name: string; list: string };

/** Fictional names only; none is a real person. */
export const SANCTIONS_LIST: readonly SanctionsEntry[] = [
  { id: "sx_001", name: "Ivan Sanctionov", list: "Sandbox Consolidated List" },
  { id: "sx_002", name: "Miranda Blacklistova", list: "Sandbox Consolidated List" },
  { id: "sx_003", name: "Hector Embargo", list: "Sandbox Consolidated List" },
  { id: "sx_004", name: "José Contrabando Ruiz", list: "Sandbox Financial Sanctions" },
  { id: "sx_005", name: "Zoë Frozenasset", list: "Sandbox Financial Sanctions" },
];

/** At or above this score a name is a potential match. */
export const MATCH_THRESHOLD = 0.85;
/** At or above this score the match is treated as certain (rejected rather than reviewed). */
export const CERTAIN_THRESHOLD = 0.95;

/** Lower case, diacritics removed, punctuation dropped, tokens sorted: word order does not matter. */
export function normaliseName(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .sort();
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function tokenSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

/**
 * Token-based similarity in [0, 1]: each token of the shorter name is paired with its best
 * match in the other (edit-distance similarity), weighted by length, and the total is divided
 * by the longer name's length so extra or missing names lower the score.
 */
export function nameSimilarity(a: string, b: string): number {
  let left = normaliseName(a);
  let right = normaliseName(b);
  if (!left.length || !right.length) return 0;
  if (left.join("").length > right.join("").length) [left, right] = [right, left];
  const remaining = [...right];
  let matched = 0;
  for (const token of left) {
    let bestIndex = 0;
    let best = -1;
    remaining.forEach((candidate, index) => {
      const score = tokenSimilarity(token, candidate);
      if (score > best) [best, bestIndex] = [score, index];
    });
    if (best < 0) break;
    matched += best * Math.max(token.length, remaining[bestIndex].length);
    remaining.splice(bestIndex, 1);
  }
  const total = Math.max(left.join("").length, right.join("").length);
  return Math.round(Math.min(1, matched / total) * 100) / 100;
}

export type ScreeningResult = { score: number; match: SanctionsEntry | null };

/** The best match on the list; `match` is set only at or above MATCH_THRESHOLD. */
export function screenName(name: string, list: readonly SanctionsEntry[] = SANCTIONS_LIST): ScreeningResult {
  let best: ScreeningResult = { score: 0, match: null };
  for (const entry of list) {
    const score = nameSimilarity(name, entry.name);
    if (score > best.score) best = { score, match: entry };
  }
  return best.score >= MATCH_THRESHOLD ? best : { score: best.score, match: null };
}
