import { z } from "zod";

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(25)
  .describe("Page size, 1 to 100.");

export const Cursor = z
  .string()
  .min(1)
  .max(512)
  .describe("Opaque cursor from the previous page's `next_cursor`. Pass it unchanged, with the same filters.");

export const NextCursor = z
  .string()
  .nullable()
  .describe("Pass as `cursor` to get the next page; `null` on the last page.");

/** `{ data: [...], next_cursor }`, the shape of every list. */
export function pageOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z.object({ data: z.array(item), next_cursor: NextCursor }).meta({ id, description });
}
