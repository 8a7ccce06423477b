import type { Command } from "commander";
import { portalApi, request } from "../api.js";
import { action } from "../action.js";
import { confirm } from "../confirm.js";
import { requireApp, type Context } from "../context.js";
import { usageError } from "../errors.js";
import { print, table } from "../output.js";

/**
 * Whether a sandbox control goes straight to the sandbox (`/v1/sandbox/*` through the gateway,
 * with the API key, which names its app) rather than through the portal API with a token.
 */
export const viaApiKey = (context: Context) => Boolean(context.apiKey && !context.token);

type Clock = { now: string; offset_seconds: number; clock_rate?: number | null; live_activity?: boolean };

function describeClock(clock: Clock): string {
  const ahead = clock.offset_seconds;
  const days = Math.round((ahead / 86_400) * 10) / 10;
  return [
    `Sandbox time: ${clock.now}`,
    `Ahead of real time: ${ahead} s${days ? ` (${days} days)` : ""}`,
    ...(clock.clock_rate ? [`Rate: ${clock.clock_rate} sandbox day(s) per real day`] : []),
    ...(clock.live_activity !== undefined ? [`Live activity: ${clock.live_activity ? "on" : "off"}`] : []),
  ].join("\n");
}

/** `openbank sandbox reset`, `openbank clock show|advance`, `openbank snapshot create|list|restore`. */
export function registerSandbox(program: Command): void {
  program
    .command("sandbox")
    .description("the app's sandbox")
    .command("reset")
    .description("put the sandbox back to its seed (asks first; --yes when not on a terminal). Works with --api-key alone")
    .option("--bare", "also remove your custom test customers (keep_custom_customers: false)")
    .option("-y, --yes", "do not ask")
    .action(
      action(async (context, options: { bare?: boolean; yes?: boolean }) => {
        const body = { keep_custom_customers: !options.bare };
        const which = viaApiKey(context) ? "the API key's app" : requireApp(context);
        await confirm(`Reset the sandbox of ${which}? Payments, consents and the advanced clock are lost.`, options);
        const result = viaApiKey(context)
          ? await (await request(context, "POST", "/v1/sandbox/reset", { auth: "apiKey", body })).json()
          : (await portalApi(context).POST("/api/apps/{appId}/sandbox/reset", { params: { path: { appId: which } }, body })).data!;
        print(
          context,
          result,
          () =>
            `Sandbox reset: ${result.customers} customers, ${result.accounts} accounts, ${result.transactions} transactions restored. Clock: ${result.now}.`,
        );
      }),
    );

  const clock = program.command("clock").description("the sandbox's clock");
  clock
    .command("show")
    .description("the sandbox's time and how far it runs ahead. Works with --api-key alone")
    .action(
      action(async (context) => {
        const result: Clock = viaApiKey(context)
          ? await (await request(context, "GET", "/v1/sandbox/clock", { auth: "apiKey" })).json()
          : (await portalApi(context).GET("/api/apps/{appId}/sandbox/clock", { params: { path: { appId: requireApp(context) } } })).data!;
        print(context, result, () => describeClock(result));
      }),
    );
  clock
    .command("advance")
    .description("move the sandbox's clock forward; what became due is booked. Works with --api-key alone")
    .requiredOption("--days <n>", "whole days, 1 to 90")
    .action(
      action(async (context, options: { days: string }) => {
        const days = Number(options.days);
        if (!/^\d+$/.test(options.days) || days < 1 || days > 90)
          throw usageError(`--days must be a whole number from 1 to 90, not "${options.days}".`);
        const result: { now: string; advanced_by_seconds: number; effects: Record<string, number> } = viaApiKey(context)
          ? await (await request(context, "POST", "/v1/sandbox/clock/advance", { auth: "apiKey", body: { days } })).json()
          : (
              await portalApi(context).POST("/api/apps/{appId}/sandbox/clock/advance", {
                params: { path: { appId: requireApp(context) } },
                body: { days },
              })
            ).data!;
        print(context, result, () => {
          const effects = Object.entries(result.effects).filter(([, n]) => n > 0);
          return [
            `Advanced ${days} day(s): sandbox time is now ${result.now}.`,
            effects.length
              ? `On the way: ${effects.map(([kind, n]) => `${n} ${kind.replaceAll("_", " ")}`).join(", ")}.`
              : "Nothing was due.",
          ].join("\n");
        });
      }),
    );

  const snapshot = program.command("snapshot").description("named copies of the sandbox's whole state");
  snapshot
    .command("create")
    .description("take a snapshot of the sandbox now")
    .argument("<name>", "unique in the app, e.g. ci-baseline")
    .action(
      action(async (context, name: string) => {
        const appId = requireApp(context);
        const { data } = await portalApi(context).POST("/api/apps/{appId}/sandbox/snapshots", {
          params: { path: { appId } },
          body: { name },
        });
        print(
          context,
          data,
          () => `Snapshot ${data!.name} (${data!.id}) taken at sandbox time ${data!.sandbox_time}: ${data!.counts.rows} rows.`,
        );
      }),
    );
  snapshot
    .command("list")
    .description("the app's snapshots, newest first")
    .action(
      action(async (context) => {
        const appId = requireApp(context);
        const { data } = await portalApi(context).GET("/api/apps/{appId}/sandbox/snapshots", { params: { path: { appId } } });
        const rows = data!.data.map((s) => ({ ...s, rows: s.counts.rows }));
        print(context, data!.data, () =>
          table(
            rows,
            ["id", "name", "sandbox_time", "created_at", "rows", "size_bytes"],
            "No snapshots. Take one: openbank snapshot create <name>",
          ),
        );
      }),
    );
  snapshot
    .command("restore")
    .description("put the sandbox back as the snapshot was (asks first; --yes when not on a terminal)")
    .argument("<snapshot>", "its name or id (snap_…)")
    .option("-y, --yes", "do not ask")
    .action(
      action(async (context, name: string, options: { yes?: boolean }) => {
        const appId = requireApp(context);
        await confirm(`Restore ${name}? What happened in the sandbox since it was taken is lost.`, options);
        const { data } = await portalApi(context).POST("/api/apps/{appId}/sandbox/snapshots/{snapshot}/restore", {
          params: { path: { appId, snapshot: name } },
        });
        print(context, data, () => `Restored ${name}: ${data!.counts.rows} rows; sandbox time is ${data!.now}.`);
      }),
    );
}
