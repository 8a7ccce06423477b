import { AppError, type FieldError } from "@openbank/contracts/errors";
import { toPointer } from "@openbank/contracts/json-pointer";

/** At most this many overrides in one fire: the CLI's `--override` flags, not a document. */
export const MAX_OVERRIDES = 50;

type Segment = string | number;

/**
 * `object.lines[0].amount` → ["object", "lines", 0, "amount"]; null when it is not a path
 * (empty segments, an unclosed bracket, a non-numeric index).
 */
export function parseOverridePath(path: string): Segment[] | null {
  const segments: Segment[] = [];
  const pattern = /([^.[\]]+)|\[(\d{1,6})\]/y;
  let index = 0;
  let expectName = true;
  while (index < path.length) {
    if (!expectName && path[index] === ".") {
      index += 1;
      expectName = true;
      continue;
    }
    pattern.lastIndex = index;
    const match = pattern.exec(path);
    if (!match) return null;
    if (match[1] !== undefined) {
      if (!expectName) return null; // "a[0]b": a name must follow a dot
      segments.push(match[1]);
    } else {
      if (!segments.length) return null; // an index needs something to index
      segments.push(Number(match[2]));
    }
    expectName = false;
    index = pattern.lastIndex;
  }
  return segments.length && !expectName ? segments : null;
}

/** The JSON type of a value, as the refusals name it. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

function render(segments: Segment[]): string {
  return segments.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index ? `.${segment}` : segment)).join("");
}

/** What exists at a container, for a refusal's detail: its keys, or the indexes of an array. */
function nearby(container: unknown, at: Segment[]): string {
  const where = at.length ? render(at) : "the event";
  if (Array.isArray(container)) {
    return container.length ? `${where} is an array with indexes 0–${container.length - 1}` : `${where} is an empty array`;
  }
  if (container && typeof container === "object") {
    const keys = Object.keys(container);
    const shown = keys
      .slice(0, 20)
      .map((key) => render([...at, key]))
      .join(", ");
    return keys.length ? `${where} has ${shown}${keys.length > 20 ? ", …" : ""}` : `${where} is an empty object`;
  }
  return `${where} is ${jsonType(container)}, not an object or array`;
}

type Located = { ok: true; parent: Record<string, unknown> | unknown[]; key: Segment; value: unknown } | { ok: false; detail: string };

function locate(root: Record<string, unknown>, segments: Segment[]): Located {
  let container: unknown = root;
  for (let depth = 0; depth < segments.length; depth += 1) {
    const segment = segments[depth];
    const at = segments.slice(0, depth);
    const exists =
      typeof segment === "number"
        ? Array.isArray(container) && segment < container.length
        : !!container && typeof container === "object" && !Array.isArray(container) && Object.hasOwn(container, segment);
    if (!exists) return { ok: false, detail: `${render(segments.slice(0, depth + 1))} is not in the event: ${nearby(container, at)}.` };
    if (depth === segments.length - 1) {
      return { ok: true, parent: container as Record<string, unknown> | unknown[], key: segment, value: (container as never)[segment] };
    }
    container = (container as never)[segment];
  }
  return { ok: false, detail: "empty path" };
}

/**
 * Applies `overrides` (path → value) to a fired event's object, or refuses them all: a path is
 * rooted at the event (`object.amount`, `object.counterparty.name`, `object.lines[0].amount`)
 * and must already exist in the base object, and the value must have the JSON type of the
 * value it replaces (a `null` in the base takes any value; only a `null` takes `null`). A
 * refusal is 422 `event_override_invalid` with one pointer per refused path
 * (`/body/overrides/object.amount`) and, in its detail, what exists nearby; nothing is fired.
 * Never silently ignored: the failure the Stripe CLI's users keep reporting.
 */
export function applyOverrides(object: unknown, overrides: Record<string, unknown>): unknown {
  const entries = Object.entries(overrides);
  if (!entries.length) return object;
  const event = { object: structuredClone(object) } as Record<string, unknown>;
  const errors: FieldError[] = [];
  const plan: { parent: Record<string, unknown> | unknown[]; key: Segment; value: unknown }[] = [];
  for (const [path, value] of entries) {
    const pointer = toPointer("/body", ["overrides", path]);
    const segments = parseOverridePath(path);
    if (!segments) {
      errors.push({ pointer, detail: `${path} is not a path: use dotted names and [index], e.g. object.lines[0].amount.` });
      continue;
    }
    if (segments[0] !== "object") {
      errors.push({ pointer, detail: `${path} is not in the event: paths start at object (e.g. object.${render(segments)}).` });
      continue;
    }
    const found = locate(event, segments);
    if (!found.ok) {
      errors.push({ pointer, detail: found.detail });
      continue;
    }
    const was = jsonType(found.value);
    const now = jsonType(value);
    if (was !== "null" && was !== now) {
      errors.push({ pointer, detail: `${path} is ${was === "array" || was === "object" ? "an" : "a"} ${was} in the event, not ${now}.` });
      continue;
    }
    plan.push({ parent: found.parent, key: found.key, value });
  }
  if (errors.length) {
    const summary = errors.map((error) => error.detail).join(" ");
    throw new AppError("event_override_invalid", `Nothing was fired. ${summary}`.slice(0, 1900), { errors });
  }
  for (const step of plan) (step.parent as Record<Segment, unknown>)[step.key] = step.value;
  return event.object;
}
