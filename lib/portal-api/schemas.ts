import { z } from "zod";

/**
 * Building blocks of the portal API's schemas, bounded the way the published document promises
 * (every string a `maxLength`, every array a `maxItems`, every integer bounds).
 */

/**
 * An id in a path or body: a prefix and base62 (`app_3kT…`). Opaque (never parsed): a well-formed
 * id that is unknown, or another team's, answers 404; only a malformed one answers 400.
 */
export const resourceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Must be an id such as app_3kT9xQ (letters, digits, _ and -)");

/** A timestamp as the API sends it: RFC 3339 in UTC (`Date#toISOString`). Not parsed on the way out. */
export const timestamp = z.string().max(40).meta({ format: "date-time", description: "RFC 3339 timestamp, UTC" });

/** Free text the portal stored (names, descriptions, reasons). */
export const text = (maxLength = 500) => z.string().max(maxLength);

/** A page of results: `data`, and the cursor of the next page (null on the last). */
export const page = <Item extends z.ZodType>(item: Item, maxItems = 200) =>
  z.object({ data: z.array(item).max(maxItems), next_cursor: z.string().max(200).nullable() });

/** A list that is never paged: `data` only. */
export const list = <Item extends z.ZodType>(item: Item, maxItems = 200) => z.object({ data: z.array(item).max(maxItems) });

export const appParams = z.object({ appId: resourceId.describe("The app's id (`app_…`)") });
export const teamParams = z.object({ teamId: resourceId.describe("The team's id (`team_…`)") });

/** A count of things (calls, keys): a non-negative integer, bounded as the document promises. */
export const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
