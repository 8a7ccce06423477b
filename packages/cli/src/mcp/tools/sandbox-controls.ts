import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { request } from "../../api.js";
import { CONSENT_NOTE, obtainConsent, readTokenRefusal } from "../consent.js";
import { appIdInput, maskKey, requireApiKey, resolveAppId } from "../inputs.js";
import type { McpContext } from "../mcp-context.js";
import { answer, json, runTool } from "../tool-result.js";

/**
 * Where a sandbox control goes: with a personal access token, the portal API's operation for the
 * app (`/api/apps/{appId}/sandbox/…`); with only a sandbox key, the sandbox's own
 * (`/v1/sandbox/…`, the key's app).
 */
async function controlTarget(context: McpContext, appIdArgument: string | undefined) {
  if (context.token) {
    const appId = await resolveAppId(context, appIdArgument);
    return { base: `/api/apps/${appId}/sandbox`, auth: "token" as const, who: `app ${appId}` };
  }
  const apiKey = requireApiKey(context);
  return { base: "/v1/sandbox", auth: "apiKey" as const, who: `the app that key ${maskKey(apiKey)} belongs to` };
}

async function call(context: McpContext, method: string, path: string, auth: "token" | "apiKey", body?: unknown) {
  const response = await request(context, method, path, { auth, body });
  return (await response.json()) as Record<string, unknown>;
}

/** `reset_sandbox` and `advance_clock`: the sandbox's two controls, each after consent. */
export function registerSandboxControls(server: McpServer, context: McpContext): void {
  server.registerTool(
    "reset_sandbox",
    {
      title: "Reset the sandbox",
      description: `Reset the app's sandbox to its seed: payments, simulated transactions, consents and the advanced clock are removed; the six personas are restored; custom test customers are rebuilt as defined (or removed with keep_custom_customers: false). Settings, snapshots and keys stay. ${CONSENT_NOTE}`,
      inputSchema: {
        app_id: appIdInput,
        keep_custom_customers: z.boolean().optional().describe("Keep custom test customers (default true)."),
        confirm: z.boolean().optional().describe("true only after the user agreed to the preview (clients without elicitation)."),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (input, extra) =>
      runTool(async () => {
        const refused = readTokenRefusal(context);
        if (refused) return refused;
        const target = await controlTarget(context, input.app_id);
        const keep = input.keep_custom_customers ?? true;
        const preview = `Reset the sandbox of ${target.who}: every payment, simulated transaction and consent is deleted, the clock goes back to real time, the six personas are restored to their seed, and custom test customers are ${keep ? "rebuilt as defined" : "removed"}. Settings, snapshots and keys stay.`;
        const stop = await obtainConsent(server, { preview, confirm: input.confirm, relatedRequestId: extra.requestId });
        if (stop) return stop;
        const result = await call(context, "POST", `${target.base}/reset`, target.auth, { keep_custom_customers: keep });
        return answer(`The sandbox of ${target.who} was reset.\n${json(result)}`, { done: true, ...result });
      }),
  );

  server.registerTool(
    "advance_clock",
    {
      title: "Advance the sandbox clock",
      description: `Move the app's sandbox clock forward by 1 to 90 days. The bank books everything that falls due on the way (pending card payments settle, interest is paid, loan and pay-later instalments are collected) and sends the webhooks for it. The clock cannot be moved back except by reset_sandbox. ${CONSENT_NOTE}`,
      inputSchema: {
        app_id: appIdInput,
        days: z
          .number({ message: "days must be a whole number of days, 1 to 90" })
          .int("days must be a whole number")
          .min(1, "days must be 1 to 90")
          .max(90, "days must be 1 to 90")
          .describe("Days to move forward, 1 to 90."),
        confirm: z.boolean().optional().describe("true only after the user agreed to the preview (clients without elicitation)."),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (input, extra) =>
      runTool(async () => {
        const refused = readTokenRefusal(context);
        if (refused) return refused;
        const target = await controlTarget(context, input.app_id);
        const clock = await call(context, "GET", `${target.base}/clock`, target.auth);
        const now = new Date(String(clock.now));
        const then = new Date(now.getTime() + input.days * 86_400_000);
        const preview = `Advance the sandbox clock of ${target.who} by ${input.days} day(s), from ${now.toISOString()} to about ${then.toISOString()}: payments, interest and instalments due in between are booked, with their webhooks. It cannot be undone except by a reset.`;
        const stop = await obtainConsent(server, { preview, confirm: input.confirm, relatedRequestId: extra.requestId });
        if (stop) return stop;
        const result = await call(context, "POST", `${target.base}/clock/advance`, target.auth, { days: input.days });
        return answer(`The sandbox clock of ${target.who} now reads ${String(result.now)}.\n${json(result)}`, {
          done: true,
          previous_now: now.toISOString(),
          ...result,
        });
      }),
  );
}
