import type { Command } from "commander";
import { portalApi, request } from "../api.js";
import { action } from "../action.js";
import { requireApp } from "../context.js";
import { collect, parseOverrides } from "../overrides.js";
import { print } from "../output.js";
import { viaApiKey } from "./sandbox.js";

type Fired = { id: string; type: string; created_at: string; object?: unknown; replayed_from: string | null };

/**
 * `openbank trigger <type> [--override path=value …]`: fires an event in the sandbox. The bank
 * applies every override or refuses them all (422, a pointer per path, what exists nearby),
 * which this prints with exit 1; a malformed `--override` never leaves the terminal (exit 2).
 */
export function registerTrigger(program: Command): void {
  program
    .command("trigger")
    .description("fire a webhook event in the sandbox, delivered to your endpoints and listen sessions. Works with --api-key alone")
    .argument("<event-type>", "e.g. payment.completed (the types: GET /api/webhooks/event-types)")
    .option(
      "--override <path=value>",
      "change a field of the event's object: object.amount.amount=12.50, object.counterparty.name=ACME, object.lines[0].amount=5 (repeatable; values are JSON when they parse, else strings)",
      collect,
      [],
    )
    .action(
      action(async (context, type: string, options: { override: string[] }) => {
        const overrides = parseOverrides(options.override);
        const body = { type, ...(options.override.length ? { overrides } : {}) };
        const fired: Fired = viaApiKey(context)
          ? await (await request(context, "POST", "/v1/sandbox/webhooks/fire", { auth: "apiKey", body })).json()
          : (await portalApi(context).POST("/api/apps/{appId}/sandbox/events", { params: { path: { appId: requireApp(context) } }, body }))
              .data!;
        print(context, fired, () =>
          [
            `Fired ${fired.type} ${fired.id} at sandbox time ${fired.created_at}${fired.replayed_from ? ` (object of ${fired.replayed_from})` : ""}.`,
            ...(Object.keys(overrides).length ? [`Overrides applied: ${Object.keys(overrides).join(", ")}.`] : []),
            "It is on its way to your enabled endpoints and listen sessions: openbank events list",
          ].join("\n"),
        );
      }),
    );
}
