import { AppError } from "@openbank/contracts/errors";
import { listEventTypes } from "./list-event-types";

/**
 * Refuses event types the bank does not emit (a typo would silently receive nothing). If the
 * bank cannot be asked right now, well-formed types are accepted: the filter is only a filter.
 */
export async function checkEventTypes(
  types: string[],
  pointer: (index: number) => string = (index) => `/body/event_types/${index}`,
): Promise<void> {
  let known: Set<string>;
  try {
    known = new Set((await listEventTypes()).map((info) => info.type));
  } catch {
    return;
  }
  const errors = types.flatMap((type, index) =>
    known.has(type) ? [] : [{ pointer: pointer(index), detail: `unknown event type ${type}` }],
  );
  if (errors.length)
    throw new AppError(
      "validation_failed",
      `${errors.map((e) => e.pointer.replace("/body/", "")).join(", ")}: ${errors.map((e) => e.detail).join(", ")}`,
      { errors },
    );
}
