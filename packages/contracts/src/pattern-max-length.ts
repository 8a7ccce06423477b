/**
 * The longest string an anchored regular expression accepts, or undefined when it has no limit
 * (`+`, `*`, `{n,}`) or uses syntax this reader does not know. Enough for the API's patterns: ids,
 * amounts, currency codes, sort codes, IBANs, and zod's date and date-time patterns. The OpenAPI
 * document states it as `maxLength`, so the bound clients read is the one the pattern enforces.
 */
export function patternMaxLength(pattern: string): number | undefined {
  // `^a$|^b$`: every top-level alternative anchored at both ends (zod's union of two patterns, as an amount's).
  const branches = topLevelAlternatives(pattern);
  if (branches.length > 1) {
    const lengths = branches.map((branch) => (branch.startsWith("^") && branch.endsWith("$") ? patternMaxLength(branch) : undefined));
    return lengths.every((length) => length !== undefined) ? Math.max(...(lengths as number[])) : undefined;
  }
  if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) return undefined;
  let index = 1;
  const end = pattern.length - 1;

  /** One alternative: atoms with their quantifiers, until `|`, `)` or the end. */
  const sequence = (): number => {
    let total = 0;
    while (index < end && pattern[index] !== "|" && pattern[index] !== ")") total += quantified(atom());
    return total;
  };

  /** Alternatives up to the closing `)` (or the end): the longest of them. */
  const alternatives = (): number => {
    let longest = sequence();
    while (pattern[index] === "|") {
      index += 1;
      longest = Math.max(longest, sequence());
    }
    return longest;
  };

  const atom = (): number => {
    const char = pattern[index];
    if (char === "\\") {
      const escaped = pattern[index + 1];
      if (escaped === undefined || /[bBkpPu]/.test(escaped)) throw new Error("unsupported escape");
      index += escaped === "x" ? 4 : 2;
      return 1;
    }
    if (char === "[") {
      index += 1;
      while (index < end && pattern[index] !== "]") index += pattern[index] === "\\" ? 2 : 1;
      if (pattern[index] !== "]") throw new Error("unclosed class");
      index += 1;
      return 1;
    }
    if (char === "(") {
      if (pattern.startsWith("(?:", index)) index += 3;
      else if (pattern[index + 1] === "?") throw new Error("lookaround or named group");
      else index += 1;
      const length = alternatives();
      if (pattern[index] !== ")") throw new Error("unclosed group");
      index += 1;
      return length;
    }
    if (char === "^" || char === "$") throw new Error("inner anchor");
    if ("*+?{".includes(char)) throw new Error("dangling quantifier");
    index += 1;
    return 1;
  };

  const quantified = (length: number): number => {
    const rest = pattern.slice(index, end);
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let times = 1;
    if (braces) {
      index += braces[0].length;
      if (braces[2] !== undefined && braces[3] === "") return Infinity;
      times = Number(braces[3] ?? braces[1]);
    } else if (rest[0] === "?") {
      index += 1;
    } else if (rest[0] === "*" || rest[0] === "+") {
      return Infinity;
    }
    // A lazy marker after a quantifier changes nothing about the length.
    if (pattern[index] === "?" && (braces || rest[0] === "?")) index += 1;
    return length * times;
  };

  try {
    // A top-level `|` would anchor only its first and last alternatives (`^a|b$` accepts "xb").
    const longest = sequence();
    if (index !== end) return undefined;
    return Number.isFinite(longest) ? longest : undefined;
  } catch {
    return undefined;
  }
}

/** The pattern split at its top-level `|` (outside groups, classes and escapes). */
function topLevelAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") index += 1;
    else if (inClass) inClass = char !== "]";
    else if (char === "[") inClass = true;
    else if (char === "(") depth += 1;
    else if (char === ")") depth -= 1;
    else if (char === "|" && depth === 0) {
      parts.push(pattern.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}
