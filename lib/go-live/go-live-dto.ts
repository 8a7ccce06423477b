import type { GoLiveRequest } from "@prisma/client";
import type { GoLiveInput } from "./go-live-input";
import type { SandboxEvidence } from "./sandbox-evidence";

export type GoLiveRequestDto = {
  id: string;
  app_id: string;
  status: "pending" | "approved" | "rejected";
  contact_name: string;
  contact_email: string;
  use_case: string;
  data_protection: GoLiveInput["data_protection"];
  evidence: SandboxEvidence;
  review_note: string | null;
  created_at: string;
  decided_at: string | null;
};

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
