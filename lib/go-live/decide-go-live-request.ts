import { db } from "../db";
import { AppError } from "../errors";
import { goLiveSelect, toGoLiveDto, type GoLiveRequestDto } from "./go-live-dto";

export type GoLiveDecision = { decision: "approve" | "reject"; note: string };

/** A platform admin approves or rejects a pending request; a rejection needs a note. Decided once. */
export async function decideGoLiveRequest(options: { requestId: string; adminId: string } & GoLiveDecision): Promise<GoLiveRequestDto> {
  const note = options.note.trim();
  if (options.decision === "reject" && note.length < 5) {
    throw new AppError("validation_failed", "Say why the request is rejected", { errors: [{ pointer: "/body/note", detail: "Required when rejecting (at least 5 characters)" }] });
  }
  const { count } = await db.goLiveRequest.updateMany({
    where: { id: options.requestId, status: "pending" },
    data: { status: options.decision === "approve" ? "approved" : "rejected", reviewNote: note || null, reviewedById: options.adminId, decidedAt: new Date() },
  });
  const row = await db.goLiveRequest.findUnique({ where: { id: options.requestId }, select: goLiveSelect });
  if (!row) throw new AppError("resource_not_found", `No go-live request ${options.requestId}.`);
  if (count === 0) throw new AppError("conflict", `This request was already ${row.status}.`);
  return toGoLiveDto(row);
}
