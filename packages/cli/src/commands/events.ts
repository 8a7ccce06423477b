import type { Command } from "commander";
import { portalApi } from "../api.js";
import { action } from "../action.js";
import { requireApp } from "../context.js";
import { usageError } from "../errors.js";
import { print, table } from "../output.js";

/** `openbank events list|resend`: the events the app received, and sending one again. */
export function registerEvents(program: Command): void {
  const events = program.command("events").description("the webhook events your app received");
  events
    .command("list")
    .description("the app's events, newest first, with their deliveries")
    .option("--type <type>", "only this event type, e.g. payment.completed")
    .option("--limit <n>", "how many, 1–100", "20")
    .option("--cursor <eventId>", "the page after this one (next_cursor of the previous page)")
    .action(
      action(async (context, options: { type?: string; limit: string; cursor?: string }) => {
        const appId = requireApp(context);
        const limit = Number(options.limit);
        if (!/^\d+$/.test(options.limit) || limit < 1 || limit > 100) throw usageError("--limit must be a whole number from 1 to 100.");
        const { data } = await portalApi(context).GET("/api/apps/{appId}/events", {
          params: {
            path: { appId },
            query: { limit, ...(options.type ? { type: options.type } : {}), ...(options.cursor ? { cursor: options.cursor } : {}) },
          },
        });
        const rows = data!.data.map((event) => ({
          ...event,
          deliveries: event.deliveries.length
            ? event.deliveries.map((d) => `${d.status}${d.last_response_status ? ` ${d.last_response_status}` : ""}`).join(", ")
            : "-",
        }));
        print(context, data, () => {
          const lines = [
            table(rows, ["id", "type", "created_at", "deliveries"], "No events yet. Fire one: openbank trigger payment.completed"),
          ];
          if (data!.next_cursor) lines.push("", `More: openbank events list --cursor ${data!.next_cursor}`);
          return lines.join("\n");
        });
      }),
    );
  events
    .command("resend")
    .description("send an event again now (same webhook-id), to every enabled endpoint and listen session subscribing to it, or one")
    .argument("<eventId>", "the event's id (evt_…), from `openbank events list`")
    .option("--endpoint <endpointId>", "only this endpoint (ep_…)")
    .action(
      action(async (context, eventId: string, options: { endpoint?: string }) => {
        // An empty id (a `$(… | jq …)` that found nothing) would name another path: say so instead.
        if (!/^evt_\w+$/.test(eventId))
          throw usageError(`"${eventId}" is not an event id (evt_…): take one from \`openbank events list\`.`);
        const appId = requireApp(context);
        const { data } = await portalApi(context).POST("/api/apps/{appId}/events/{eventId}/resend", {
          params: { path: { appId, eventId } },
          body: options.endpoint ? { endpoint_id: options.endpoint } : {},
        });
        print(context, data, () =>
          [
            `Queued ${eventId} again for ${data!.data.length} endpoint(s):`,
            table(data!.data, ["id", "endpoint_id", "status", "attempt_count"]),
          ].join("\n"),
        );
      }),
    );
}
