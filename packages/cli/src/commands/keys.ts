import type { Command } from "commander";
import { portalApi } from "../api.js";
import { action } from "../action.js";
import { confirm } from "../confirm.js";
import { requireApp } from "../context.js";
import { usageError } from "../errors.js";
import { print, table } from "../output.js";

const SHOWN_ONCE = "Store it now: it will not be shown again (only its HMAC is kept).";

/** `openbank keys create|list|roll|revoke`: the app's sandbox API keys. */
export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("the app's sandbox API keys (sk_sandbox_…)");
  keys
    .command("list")
    .description("list the app's keys, working ones first; never a secret")
    .action(
      action(async (context) => {
        const appId = requireApp(context);
        const { data } = await portalApi(context).GET("/api/apps/{appId}/keys", { params: { path: { appId } } });
        print(context, data!.data, () =>
          table(
            data!.data,
            ["id", "name", "prefix", "scope", "status", "expires_at", "last_used_at"],
            "No keys. Create one: openbank keys create --name <name>",
          ),
        );
      }),
    );
  keys
    .command("create")
    .description("create a key; its secret is printed once")
    .requiredOption("--name <name>", "what it is for, e.g. ci")
    .option("--read-only", "a read-only key (GET only)")
    .option("--expires-at <time>", "when it stops working (RFC 3339); default never")
    .action(
      action(async (context, options: { name: string; readOnly?: boolean; expiresAt?: string }) => {
        const appId = requireApp(context);
        const { data } = await portalApi(context).POST("/api/apps/{appId}/keys", {
          params: { path: { appId } },
          body: { name: options.name, scope: options.readOnly ? "read_only" : "read_write", expires_at: options.expiresAt ?? null },
        });
        print(context, { ...data!, warning: SHOWN_ONCE }, () =>
          [`Created ${data!.key.name} (${data!.key.id}, ${data!.key.scope}).`, "", `  ${data!.secret}`, "", SHOWN_ONCE].join("\n"),
        );
      }),
    );
  keys
    .command("roll")
    .description("replace a key with a new one; the old one keeps working for the overlap")
    .argument("<keyId>", "the key's id (key_…)")
    .option("--overlap <hours>", "how long the old key keeps working, 0–168 hours", "24")
    .option("--name <name>", "the new key's name (default: the old one's)")
    .action(
      action(async (context, keyId: string, options: { overlap: string; name?: string }) => {
        const appId = requireApp(context);
        const hours = Number(options.overlap);
        if (!Number.isFinite(hours) || hours < 0 || hours > 168) throw usageError("--overlap must be a number of hours from 0 to 168.");
        const { data } = await portalApi(context).POST("/api/apps/{appId}/keys/{keyId}/roll", {
          params: { path: { appId, keyId } },
          body: { overlap_seconds: Math.round(hours * 3600), ...(options.name ? { name: options.name } : {}) },
        });
        print(context, { ...data!, warning: SHOWN_ONCE }, () =>
          [
            `Rolled ${keyId}: the new key is ${data!.key.id}.`,
            "",
            `  ${data!.secret}`,
            "",
            SHOWN_ONCE,
            `The old key works until ${data!.old_key.expires_at ?? "now"}.`,
          ].join("\n"),
        );
      }),
    );
  keys
    .command("revoke")
    .description("revoke a key at once (asks first; --yes when not on a terminal)")
    .argument("<keyId>", "the key's id (key_…)")
    .option("-y, --yes", "do not ask")
    .action(
      action(async (context, keyId: string, options: { yes?: boolean }) => {
        const appId = requireApp(context);
        await confirm(`Revoke ${keyId}? Calls with it fail from now on.`, options);
        const { data } = await portalApi(context).DELETE("/api/apps/{appId}/keys/{keyId}", { params: { path: { appId, keyId } } });
        print(context, data, () => `Revoked ${data!.name} (${data!.id}).`);
      }),
    );
}
