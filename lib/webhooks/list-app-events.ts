import { z } from "zod";
import { db } from "../db";
import { appEventSelect, toAppEventDto, type AppEventDto } from "./app-event-dto";

export const MAX_EVENTS_PAGE = 100;

const limitMessage = `must be an integer from 1 to ${MAX_EVENTS_PAGE}`;
const cursorMessage = "must be a next_cursor from a previous page";

/** `?type=&limit=&cursor=`; bad values are 400s pointing at the parameter. */
export const appEventQuery = z.object({
  type: z
    .string()
    .max(100)
    .regex(/^[a-z_]+(\.[a-z_]+)+$/, { error: "must be an event type, e.g. payment.completed" })
    .optional()
    .describe("Only events of this type."),
  limit: z.coerce
    .number({ error: limitMessage })
    .int({ error: limitMessage, abort: true })
    .min(1, { error: limitMessage, abort: true })
    .max(MAX_EVENTS_PAGE, { error: limitMessage, abort: true })
    .default(20)
    .describe(`Events per page, 1 to ${MAX_EVENTS_PAGE} (20 by default).`),
  cursor: z
    .string()
    .max(44, { error: cursorMessage, abort: true })
    .regex(/^evt_[A-Za-z0-9]{1,40}$/, { error: cursorMessage, abort: true })
    .optional()
    .describe("The `next_cursor` of the previous page."),
});

/**
 * The events the app received (those it had an endpoint or a listen session for when they
 * happened), newest first, optionally of one type; cursor-paginated. A cursor of another app or
 * type finds nothing and is answered as an empty page.
 */
export async function listAppEvents(options: {
  appId: string;
  type?: string;
  limit: number;
  cursor?: string;
}): Promise<{ data: AppEventDto[]; next_cursor: string | null }> {
  const where = { appId: options.appId, ...(options.type ? { type: options.type } : {}) };
  if (options.cursor && !(await db().webhookEvent.findFirst({ where: { ...where, id: options.cursor }, select: { id: true } }))) {
    return { data: [], next_cursor: null };
  }
  const rows = await db().webhookEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    select: appEventSelect,
  });
  const page = rows.slice(0, options.limit);
  return { data: page.map(toAppEventDto), next_cursor: rows.length > options.limit ? page[page.length - 1].id : null };
}
