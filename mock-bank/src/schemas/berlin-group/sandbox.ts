import { z } from "zod";
import { PersonaKey, ResourceId } from "../common";
import { exampleIds } from "../example-run";

export const DecoupledAuthorisationParams = z.object({
  authorisation_id: ResourceId.describe(
    "The Berlin Group authorisation (`sca_…`, its `authorisationId`) whose SCA approach is DECOUPLED.",
  ).meta({ examples: [exampleIds.scaAuthorisationId] }),
});

export const DecoupledDecisionBody = z
  .strictObject({
    decision: z.enum(["approve", "deny"]).describe("What the customer does in the bank's app."),
    persona: PersonaKey.optional().describe(
      "Who approves, when the TPP sent no PSU-ID and the consent names no accounts (bank-offered, availableAccounts, allPsd2).",
    ),
    account_ids: z
      .array(ResourceId)
      .min(1)
      .max(50)
      .optional()
      .describe("The accounts the customer picks for a bank-offered or available-accounts consent (default: all their payment accounts)."),
  })
  .meta({ examples: [{ decision: "approve" }] });

export const DecoupledDecision = z
  .object({
    authorisation_id: ResourceId,
    sca_status: z.enum(["finalised", "failed"]).describe("The authorisation's Berlin Group `scaStatus` now."),
    resource: z.object({
      type: z.enum(["consent", "payment", "bulk_payment"]),
      id: ResourceId.describe("The consent or payment id (`consentId`, `paymentId`)."),
      status: z
        .string()
        .max(20)
        .regex(/^[A-Za-z]+$/)
        .describe(
          "Its Berlin Group status now: a `consentStatus` (`valid`, `rejected`) or a `transactionStatus` (`ACSC`, `ACSP`, `RJCT`…).",
        ),
    }),
  })
  .meta({ id: "BerlinGroupDecoupledDecision", description: "A DECOUPLED authorisation, decided." });
