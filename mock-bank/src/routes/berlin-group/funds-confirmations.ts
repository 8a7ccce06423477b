import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { confirmBgFunds } from "../../domain/berlin-group/confirm-bg-funds";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { bgErrors, bgJson } from "../../schemas/berlin-group/common";
import { ConfirmationOfFundsBody, ConfirmationOfFundsResponse } from "../../schemas/berlin-group/funds-confirmations";

/** Berlin Group NextGenPSD2 1.3.11: confirmation of funds (PIIS), for the TPP with scope fundsconfirmations. */
const fundsConfirmations: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/funds-confirmations",
    {
      config: { standardAccess: { caller: "app", scope: "fundsconfirmations", standard: "berlin_group" }, movesMoney: false },
      schema: {
        operationId: "checkAvailabilityOfFunds",
        tags: ["Confirmation of Funds Service (PIIS)"],
        summary: "Confirmation of funds request",
        description:
          "Whether the account (by IBAN) could pay `instructedAmount` now, from its available balance (the arranged overdraft included; a frozen account has none). Another currency is converted at the sandbox's FX rate.",
        headers: z.looseObject({
          "consent-id": z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe("Optional: a valid consent of this TPP that gives the account's balances."),
        }),
        body: ConfirmationOfFundsBody,
        response: { 200: bgJson("The answer.", ConfirmationOfFundsResponse), ...bgErrors([400, 401, 403, 404, 405, 409]) },
      },
    },
    async (request) =>
      confirmBgFunds({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        consentId: typeof request.headers["consent-id"] === "string" ? request.headers["consent-id"] : undefined,
        input: request.body,
        tenantNow: tenantNow(request.tenant!, app.now()),
      }),
  );
};

export default fundsConfirmations;
