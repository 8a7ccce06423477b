import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { goLiveSelect, toGoLiveDto, type GoLiveRequestDto } from "./go-live-dto";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";

export type GoLiveDecision = { decision: "approve" | "reject"; note: string };

/** A platform admin approves or rejects a pending request; a rejection needs a note. Decided once. */
export async function decideGoLiveRequest(options: { requestId: string; actor: AuditActor } & GoLiveDecision): Promise<GoLiveRequestDto> {
  const note = options.note.trim();
  if (options.decision === "reject" && note.length < 5) {
    throw new AppError("validation_failed", "Say why the request is rejected", {
      errors: [{ pointer: "/body/note", detail: "Required when rejecting (at least 5 characters)" }],
    });
  }
  const status = options.decision === "approve" ? "approved" : "rejected";
  const count = await db().$transaction(async (tx) => {
    const decided = await tx.goLiveRequest.updateMany({
      where: { id: options.requestId, status: "pending" },
      data: { status, reviewNote: note || null, reviewedById: options.actor.userId, decidedAt: new Date() },
    });
    if (decided.count === 1) {
      const request = await tx.goLiveRequest.findUniqueOrThrow({
        where: { id: options.requestId },
        select: { appId: true, app: { select: { teamId: true, name: true } } },
      });
      await recordAudit(tx, {
        teamId: request.app.teamId,
        actor: options.actor,
        action: "app.go_live_decided",
        target: { type: "app", id: request.appId, name: request.app.name },
        metadata: { request_id: options.requestId, decision: status },
      });
    }
    return decided.count;
  });
  const row = await db().goLiveRequest.findUnique({ where: { id: options.requestId }, select: goLiveSelect });
  if (!row) throw new AppError("resource_not_found", `No go-live request ${options.requestId}.`);
  if (count === 0) throw new AppError("conflict", `This request was already ${row.status}.`);
  return toGoLiveDto(row);
}
