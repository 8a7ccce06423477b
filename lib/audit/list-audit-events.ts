import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@openbank/contracts/errors";
import { zodIssuesToFieldErrors } from "@/lib/http/route-handler";
import { AUDIT_ACTIONS } from "./audit-actions";
import { auditEventDtoSelect, toAuditEventDto, type AuditEventDto } from "./audit-event-dto";

/** An empty parameter (`?action=`, the "All actions" choice of a form) is no filter. */
const blankIsAbsent = <Schema extends z.ZodType>(schema: Schema) => z.preprocess((value) => (value === "" ? undefined : value), schema);

/** The audit log's query string: the API declares it (errors point at `/query/...`), the audit page parses it. */
export const listAuditQuery = z.object({
  action: blankIsAbsent(z.enum(AUDIT_ACTIONS, { error: "Unknown action" }).optional()).describe("Only events of this action."),
  limit: blankIsAbsent(z.coerce.number().int().min(1).max(100).default(25)).describe("Events per page, 1 to 100 (25 by default)."),
  cursor: blankIsAbsent(
    z
      .string()
      .max(40)
      .regex(/^audit_[0-9A-Za-z]{22}$/, "Not a cursor from a previous page")
      .optional(),
  ).describe("The `next_cursor` of the previous page."),
});

export type ListAuditQuery = z.input<typeof listAuditQuery>;

/** Query-string input → validated options, or 400 with /query pointers. */
export function parseAuditQuery(params: URLSearchParams): z.output<typeof listAuditQuery> {
  const result = listAuditQuery.safeParse(Object.fromEntries(params));
  if (!result.success) {
    throw new AppError("validation_failed", "Some query parameters are invalid", {
      errors: zodIssuesToFieldErrors(result.error.issues, "/query"),
    });
  }
  return result.data;
}

/** A team's audit log, newest first, cursor-paged (the cursor is the last id of a page). */
export async function listAuditEvents(options: {
  teamId: string;
  query: z.output<typeof listAuditQuery>;
}): Promise<{ data: AuditEventDto[]; next_cursor: string | null }> {
  const { action, limit, cursor } = options.query;
  const rows = await db().auditEvent.findMany({
    where: { teamId: options.teamId, ...(action ? { action } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: auditEventDtoSelect,
  });
  const page = rows.slice(0, limit);
  return { data: page.map(toAuditEventDto), next_cursor: rows.length > limit ? page.at(-1)!.id : null };
}
