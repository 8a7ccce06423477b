import type { GoLiveRequest } from "@prisma/client";
import { z } from "zod";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import type { GoLiveInput } from "./go-live-input";
import type { SandboxEvidence } from "./sandbox-evidence";

/** The sandbox test run behind a go-live request, computed from the app's own traffic. */
export const sandboxEvidenceDto = z.object({
  window_days: z.number().int().min(1).max(365),
  required_endpoints: count.describe("Distinct documented product endpoints (not `/v1/sandbox/*`) that must have answered 2xx."),
  endpoints: z
    .array(z.object({ method: text(10), route: text(200), successful_calls: count }))
    .max(1000)
    .describe("The product endpoints that answered 2xx in the window; the sandbox's own controls (`/v1/sandbox/*`) do not count."),
  successful_calls: count,
  passed: z.boolean(),
  computed_at: timestamp,
});

/** A go-live request as the team and the platform admins see it. */
export const goLiveRequestDto = z.object({
  id: resourceId,
  app_id: resourceId,
  status: z.enum(["pending", "approved", "rejected"]),
  contact_name: text(100),
  contact_email: z.email().max(200),
  use_case: text(2_000),
  data_protection: z.object({
    data_controller: text(200),
    purpose: text(1_000),
    retention_days: z.number().int().min(1).max(3_650),
    dpo_email: z.email().max(200),
    encrypts_credentials: z.literal(true),
    accepts_terms: z.literal(true),
  }),
  evidence: sandboxEvidenceDto,
  review_note: text(1_000).nullable().describe("The reviewer's note (required with a rejection)."),
  created_at: timestamp,
  decided_at: timestamp.nullable(),
});

export type GoLiveRequestDto = z.output<typeof goLiveRequestDto>;

export const goLiveSelect = {
  id: true,
  appId: true,
  status: true,
  contactName: true,
  contactEmail: true,
  useCase: true,
  dataProtection: true,
  evidence: true,
  reviewNote: true,
  createdAt: true,
  decidedAt: true,
} as const;

export function toGoLiveDto(row: Pick<GoLiveRequest, keyof typeof goLiveSelect>): GoLiveRequestDto {
  return {
    id: row.id,
    app_id: row.appId,
    status: row.status,
    contact_name: row.contactName,
    contact_email: row.contactEmail,
    use_case: row.useCase,
    data_protection: row.dataProtection as GoLiveInput["data_protection"],
    evidence: row.evidence as SandboxEvidence,
    review_note: row.reviewNote,
    created_at: row.createdAt.toISOString(),
    decided_at: row.decidedAt?.toISOString() ?? null,
  };
}
