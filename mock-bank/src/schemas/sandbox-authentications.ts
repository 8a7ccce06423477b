import { z } from "zod";
import { ResourceId, Timestamp } from "./common";
import { exampleIds } from "./example-run";

export const AuthenticationParams = z.object({
  authentication_id: ResourceId.describe(
    "The decoupled sign-in (`authn_…`) the bank's login page shows while it waits (sandbox scenario `decoupled`).",
  ).meta({ examples: [exampleIds.authenticationId] }),
});

export const AuthenticationDecisionBody = z
  .strictObject({
    decision: z.enum(["approve", "refuse"]).describe("What the customer does in their banking app."),
  })
  .meta({ examples: [{ decision: "approve" }] });

export const AuthenticationDecision = z
  .object({
    authentication_id: ResourceId,
    status: z.enum(["approved", "refused"]).describe("The sign-in's status now: the waiting page continues or ends."),
    flow: z
      .enum(["oauth", "sca"])
      .describe("Whose page waits: `oauth` (an /oauth/authorize login, /v1 or UK Open Banking), `sca` (a Berlin Group authorisation)."),
    decided_at: Timestamp.describe("When it was decided (real time)."),
  })
  .meta({ id: "SandboxAuthenticationDecision", description: "A decoupled sign-in, decided." });
