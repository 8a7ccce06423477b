import type { Connection } from "../api.js";

/**
 * Where and as whom the MCP server's tools act. `openbank mcp` builds it from the CLI's flags,
 * environment and profile; the portal's `/api/mcp` from the request (the bearer token it
 * authenticated, and the optional `X-Openbank-Api-Key` / `X-Openbank-App` headers).
 */
export type McpContext = Connection & {
  /** The app the tools act on when a call names none. */
  appId?: string;
  /**
   * The personal access token's scope, when the server knows it (the portal checked the token):
   * a `read` token runs no write tool. Unknown on stdio: the portal then refuses a write itself.
   */
  tokenScope?: "read" | "write";
  /** How the server is reached: the messages say which flag or header supplies what is missing. */
  transport: "stdio" | "http";
};

/** How to supply each missing setting, per transport. */
export const HOW_TO_SUPPLY = {
  stdio: {
    apiKey: "start `openbank mcp` with --api-key sk_sandbox_… (or OPENBANK_API_KEY)",
    token: "start `openbank mcp` with --token pat_… (or OPENBANK_TOKEN), or run `openbank login` first",
    app: "pass app_id, or start `openbank mcp` with --app app_… (or OPENBANK_APP, or `openbank apps use`)",
  },
  http: {
    apiKey: "connect with the header `X-Openbank-Api-Key: sk_sandbox_…` (one of the app's sandbox keys)",
    token: "connect with `Authorization: Bearer pat_…`",
    app: "pass app_id, or connect with the header `X-Openbank-App: app_…`",
  },
} as const;
