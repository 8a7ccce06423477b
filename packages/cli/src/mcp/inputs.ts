import { z } from "zod";
import { request } from "../api.js";
import { HOW_TO_SUPPLY, type McpContext } from "./mcp-context.js";
import { ToolRefusal } from "./tool-result.js";

/** The tools' shared inputs, with messages a model can act on. */
export const appIdInput = z
  .string()
  .regex(/^app_[0-9A-Za-z]{1,40}$/, "app_id must be an app id such as app_3kT9xQ (see the dashboard, or `openbank apps list`)")
  .optional()
  .describe("The app (`app_…`). Optional when the server was started for one app, or the token sees only one.");

export const requestIdInput = z
  .string()
  .trim()
  .regex(
    /^req_[0-9A-Za-z]{1,40}$/,
    "request_id must be a request id such as req_4Kq9… (the X-Request-Id header of an answer, or request_id in a problem)",
  )
  .describe("The request id (`req_…`): the `X-Request-Id` header of the answer, or `request_id` in its problem body.");

/** A call through the gateway: the sandbox API's paths and the standards'. Never the portal's own API. */
export const SANDBOX_PATH = /^\/(v1|open-banking|berlin-group)\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
export const sandboxPathInput = z
  .string()
  .max(2000)
  .regex(
    SANDBOX_PATH,
    "path must be a sandbox API path starting with /v1/, /open-banking/ or /berlin-group/, without a query string (use query) or a fragment",
  )
  .refine(
    (path) => !path.split("/").some((segment) => segment === ".." || segment === "." || /%2e%2e/i.test(segment)),
    "path must not contain . or .. segments",
  )
  .describe("The sandbox API path, e.g. `/v1/accounts` or `/v1/accounts/acc_…/transactions` (from search_docs or describe_operation).");

export const queryInput = z
  .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
  .refine((query) => Object.keys(query).length <= 30, "at most 30 query parameters")
  .optional()
  .describe('Query parameters, e.g. `{ "limit": 10 }`.');

/** The app a tool acts on: its argument, else the server's, else the token's only app. */
export async function resolveAppId(context: McpContext, appId: string | undefined): Promise<string> {
  if (appId) return appId;
  if (context.appId) return context.appId;
  if (context.token) {
    // `request`, not the typed client: inside the portal (Next's patched fetch) the client's Request loses its headers.
    const apps = ((await (await request(context, "GET", "/api/apps")).json()) as { data: { id: string; name: string }[] }).data;
    if (apps.length === 1) return apps[0].id;
    if (apps.length > 1) {
      const listed = apps
        .slice(0, 10)
        .map((app) => `${app.id} (${app.name})`)
        .join(", ");
      throw new ToolRefusal(
        `Which app? The token sees ${apps.length} apps: ${listed}. To choose: ${HOW_TO_SUPPLY[context.transport].app}.`,
      );
    }
    throw new ToolRefusal("The token sees no app yet: create one in the dashboard first.");
  }
  throw new ToolRefusal(`No app chosen and no personal access token to look one up: ${HOW_TO_SUPPLY[context.transport].app}.`);
}

/** The token the portal API needs, or a refusal saying how to supply it. */
export function requireToken(context: McpContext, what: string): void {
  if (!context.token) throw new ToolRefusal(`${what} needs a personal access token: ${HOW_TO_SUPPLY[context.transport].token}.`);
}

/** The sandbox key calls need, or a refusal saying how to supply it. */
export function requireApiKey(context: McpContext): string {
  if (!context.apiKey)
    throw new ToolRefusal(
      `Sandbox calls are made with one of your app's sandbox keys, and none was given: ${HOW_TO_SUPPLY[context.transport].apiKey}.`,
    );
  return context.apiKey;
}

/** A key as a preview may show it: its prefix only. */
export const maskKey = (key: string) => `${key.slice(0, 16)}…`;
