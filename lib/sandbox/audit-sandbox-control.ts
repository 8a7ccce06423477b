import type { AuditActor } from "@/lib/audit/audit-actor";
import type { AuditMetadata } from "@/lib/audit/sanitize-metadata";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";

type SandboxControl = "sandbox.reset" | "sandbox.clock_advanced" | "sandbox.snapshot_restored" | "sandbox.event_fired";

/**
 * Records a sandbox control made in the portal, after the bank did it (the bank's change and
 * the portal's row cannot share a transaction), so the app's timeline shows who reset, advanced
 * or restored its sandbox. Returns the control's result unchanged.
 */
export async function auditSandboxControl<T>(
  control: { appId: string; teamId: string; actor: AuditActor; action: SandboxControl; metadata?: AuditMetadata },
  result: T,
): Promise<T> {
  await recordAudit(db(), {
    teamId: control.teamId,
    actor: control.actor,
    action: control.action,
    target: { type: "app", id: control.appId },
    metadata: control.metadata,
  });
  return result;
}
