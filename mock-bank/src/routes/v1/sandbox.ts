import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { resetTenant } from "../../domain/sandbox/reset-tenant";
import { errorResponses, jsonResponse } from "../../schemas/problem";
import { SandboxResetResult } from "../../schemas/sandbox";

/** Controls of the caller's own sandbox: reset, clock, simulated incoming money. */
const sandbox: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/sandbox/reset",
    {
      schema: {
        operationId: "resetSandbox",
        tags: ["Sandbox"],
        summary: "Reset the sandbox to its seed",
        description:
          "Puts your app's sandbox back exactly as it was on your first call: the six test customers, their 18 accounts and their transaction history, with the same ids and balances. Everything you changed (payments, simulated transactions, the advanced clock) is gone; the clock is real time again. Other apps' sandboxes are not touched. No request body.",
        response: { 200: jsonResponse("The sandbox was reset.", SandboxResetResult), ...errorResponses() },
      },
    },
    async (request) => {
      const now = app.now();
      const summary = await resetTenant({ db: app.db, tenantId: request.tenantId, now });
      app.ensureTenant.forget(request.tenantId);
      return { ...summary, now: now.toISOString() };
    },
  );
};

export default sandbox;
