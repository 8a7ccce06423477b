import { z } from "zod";

export const Limit = z.coerce.number().int().min(1).max(100).default(25).describe("Page size, 1 to 100.");

export const Cursor = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "must be a next_cursor of this list, unchanged")
  .describe("Opaque cursor from the previous page's `next_cursor`. Pass it unchanged, with the same filters.");

export const NextCursor = Cursor.nullable().describe("Pass as `cursor` to get the next page; `null` on the last page.");

/** The largest page (`limit`'s maximum), and so the most items any list answers with. */
export const MAX_PAGE_SIZE = 100;

/** `{ data: [...], next_cursor }`, the shape of every list. */
export function pageOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z.object({ data: z.array(item).max(MAX_PAGE_SIZE), next_cursor: NextCursor }).meta({ id, description });
}
