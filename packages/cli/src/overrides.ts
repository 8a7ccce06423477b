import { usageError } from "./errors.js";

/** A path as the bank reads it: dotted names and `[index]`, e.g. `object.lines[0].amount`. */
const PATH = /^[^.[\]=\s]+(?:\.[^.[\]=\s]+|\[\d{1,6}\])*$/;

/**
 * A `--override` value: JSON when it parses as JSON (numbers, true/false, null, "quoted
 * strings", objects, arrays), else the text itself as a string. `12.50` is the number 12.5;
 * `'"12.50"'` the string "12.50"; `ACME Ltd` the string.
 */
export function parseOverrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * `--override path=value …` as the bank's `overrides` object. Only the syntax is checked here
 * (a usage error, exit 2): whether a path exists in the event, and the value's type, the bank
 * decides, and refuses with a pointer per path rather than ignoring it.
 */
export function parseOverrides(flags: readonly string[]): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const flag of flags) {
    const equals = flag.indexOf("=");
    if (equals < 0)
      throw usageError(`--override "${flag}" has no "=": write --override path=value, e.g. --override object.amount.amount=12.50.`);
    const path = flag.slice(0, equals).trim();
    if (!PATH.test(path)) {
      throw usageError(
        `--override "${flag}": "${path}" is not a path. Use dotted names and [index] from the event, e.g. object.counterparty.name or object.lines[0].amount.`,
      );
    }
    if (Object.hasOwn(overrides, path)) throw usageError(`--override ${path} is given twice: keep one.`);
    overrides[path] = parseOverrideValue(flag.slice(equals + 1));
  }
  return overrides;
}

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
