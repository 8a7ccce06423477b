import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { goLiveSelect, toGoLiveDto, type GoLiveRequestDto } from "./go-live-dto";
import type { GoLiveInput } from "./go-live-input";
import { computeSandboxEvidence } from "./sandbox-evidence";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";

/**
 * Submits the checklist for review with the sandbox evidence computed now. One open request
 * per app; an approved app does not apply again; a suspended app cannot apply. The caller has
 * already checked that the actor may update the app.
 */
export async function submitGoLiveRequest(options: {
  appId: string;
  teamId: string;
  actor: AuditActor;
  input: GoLiveInput;
}): Promise<GoLiveRequestDto> {
  const { appId, teamId } = options;
  const evidence = await computeSandboxEvidence({ appId });
  if (!evidence.passed) {
    throw new AppError(
      "go_live_evidence_missing",
      `Successful sandbox calls on ${evidence.required_endpoints} distinct product endpoints (not /v1/sandbox/*) in the last ${evidence.window_days} days are needed; this app has ${evidence.endpoints.length}.`,
    );
  }
  const { input } = options;
  return db().$transaction(async (tx) => {
    const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { status: true } });
    if (app.status === "suspended") throw new AppError("conflict", "A suspended app cannot request production access.");
    const open = await tx.goLiveRequest.findFirst({ where: { appId, status: { in: ["pending", "approved"] } }, select: { status: true } });
    if (open) {
      throw new AppError(
        "conflict",
        open.status === "pending"
          ? "This app already has a go-live request waiting for review."
          : "This app already has production access.",
      );
    }
    const row = await tx.goLiveRequest.create({
      data: {
        id: newId("goLiveRequest"),
        appId,
        contactName: input.contact_name,
        contactEmail: input.contact_email,
        useCase: input.use_case,
        dataProtection: input.data_protection,
        evidence,
        submittedById: options.actor.userId,
      },
      select: goLiveSelect,
    });
    await recordAudit(tx, {
      teamId,
      actor: options.actor,
      action: "app.go_live_requested",
      target: { type: "app", id: appId },
      metadata: { request_id: row.id, evidence_endpoints: evidence.endpoints.length },
    });
    return toGoLiveDto(row);
  });
}
