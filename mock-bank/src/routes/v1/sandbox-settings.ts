import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sandboxSettings as currentSettings, updateSandboxSettings } from "../../domain/sandbox/sandbox-settings";
import { jsonResponse, problemResponses } from "../../schemas/problem";
import { SandboxSettings, UpdateSandboxSettingsBody } from "../../schemas/sandbox-settings";

/** The sandbox's settings: live activity and the clock's rate. */
const sandboxSettings: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/sandbox/settings",
    {
      schema: {
        operationId: "getSandboxSettings",
        tags: ["Sandbox"],
        summary: "Get the sandbox's settings",
        description:
          "Returns whether live activity is on, how fast the sandbox's clock runs (`clock_rate`, sandbox days per real day) and the clock itself. The settings survive `POST /v1/sandbox/reset`.",
        response: { 200: jsonResponse("The sandbox's settings.", SandboxSettings), ...problemResponses() },
      },
    },
    async (request) => currentSettings(request.tenant!, app.now()),
  );

  app.patch(
    "/sandbox/settings",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "updateSandboxSettings",
        tags: ["Sandbox"],
        summary: "Change the sandbox's settings",
        description: [
          "Switches live activity on or off and sets the clock's rate; send either field or both.",
          "",
          "- `live_activity: true`: from the sandbox's current time on, every day that passes books the test customers' everyday activity, continuing their seeded history: card spending (pending first, booked a day or two later), salary on payday, direct debits, standing orders and transfers to savings, each with a `transaction.booked` webhook event, with no call from you. A payment the account cannot afford (past its overdraft or credit limit) is not made. Interest and loan instalments fall due as the clock moves, on or off. Two sandboxes with the same settings see the same story (same amounts, texts and times; different ids).",
          "- `clock_rate`: sandbox days per real day, 1 (real time) to 1440 (one sandbox day per real minute). The sandbox's time does not jump when the rate changes; it runs faster from now on. `POST /v1/sandbox/clock/advance` still moves it on at once.",
          "",
          "Activity that real time brings is booked within seconds by the bank; days crossed by `clock/advance` are booked by the advance itself.",
        ].join("\n"),
        body: UpdateSandboxSettingsBody,
        response: { 200: jsonResponse("The settings after the change.", SandboxSettings), ...problemResponses() },
      },
    },
    async (request) => {
      const settings = await updateSandboxSettings({ db: app.db, tenant: request.tenant!, realNow: app.now(), change: request.body });
      app.ensureTenant.forget(request.tenantId);
      return settings;
    },
  );
};

export default sandboxSettings;
