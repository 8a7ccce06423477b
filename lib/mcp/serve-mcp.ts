import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createMcpServer } from "@openbank/cli/mcp";
import { AppError } from "@openbank/contracts/errors";
import { portalOrigin } from "../http/portal-url";
import { readText } from "../http/read-body";
import { authenticateToken, type TokenPrincipal } from "../tokens/authenticate-token";
import { bearerToken } from "../tokens/personal-access-token";

/** MCP messages are small JSON-RPC documents; a tool's biggest input is a sandbox call's body. */
export const MAX_MCP_BODY_BYTES = 256 * 1024;

const API_KEY_HEADER = "x-openbank-api-key";
const APP_HEADER = "x-openbank-app";

/** 401 for a request with no token at all: says how to authenticate (RFC 6750's challenge). */
function missingToken(): AppError {
  return new AppError(
    "unauthenticated",
    "The MCP endpoint takes a personal access token: `Authorization: Bearer pat_…` (create one in your account's tokens page).",
    {
      headers: { "www-authenticate": 'Bearer realm="openbank-portal"' },
    },
  );
}

/** The caller: the token's principal, or a 401 (none, malformed, unknown, expired, revoked). */
export async function authenticateMcpCaller(request: Request): Promise<TokenPrincipal> {
  const bearer = bearerToken(request.headers);
  if (!bearer) throw missingToken();
  return authenticateToken(bearer, request);
}

/** The optional headers that give the tools a sandbox key and a default app; a malformed one is a 400. */
export function readMcpHeaders(headers: Headers): { apiKey?: string; appId?: string } {
  const apiKey = headers.get(API_KEY_HEADER)?.trim() || undefined;
  const appId = headers.get(APP_HEADER)?.trim() || undefined;
  const errors = [];
  if (apiKey && !/^sk_[A-Za-z0-9_]{8,200}$/.test(apiKey))
    errors.push({ pointer: "/headers/x-openbank-api-key", detail: "A sandbox key such as sk_sandbox_…" });
  if (appId && !/^app_[0-9A-Za-z]{1,40}$/.test(appId))
    errors.push({ pointer: "/headers/x-openbank-app", detail: "An app id such as app_3kT9xQ" });
  if (errors.length) throw new AppError("validation_failed", "Some headers are invalid", { errors });
  return { apiKey, appId };
}

/** JSON-RPC's own error answer (the protocol's format, not problem+json): a body that is not JSON. */
const parseError = () =>
  Response.json({ jsonrpc: "2.0", error: { code: -32700, message: "Parse error: the body is not JSON" }, id: null }, { status: 400 });

/**
 * `POST /api/mcp`: the CLI's MCP server (`@openbank/cli/mcp`, the same tools as `openbank mcp`)
 * over Streamable HTTP, stateless: a fresh server and transport per request, no session id.
 * Authenticated by a personal access token; a `read` token's server refuses the write tools.
 * The tools call the portal's own origin (PORTAL_URL) over HTTP, as the CLI would: the portal
 * API with the caller's token, the sandbox through the gateway with the key from
 * `X-Openbank-Api-Key`. The body is read here, bounded. Stateless, the server never sees the
 * client's `initialize` (its capabilities), so write tools use the preview + `confirm: true`
 * consent here; elicitation is for stateful transports (`openbank mcp` on stdio).
 */
export async function serveMcp(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  // MCP's transport rules: refuse other sites' pages (DNS rebinding); tools and CLIs send none.
  if (origin !== null && origin !== portalOrigin())
    throw new AppError("forbidden", "Cross-site request refused: the MCP endpoint is not for other sites' pages.");
  const principal = await authenticateMcpCaller(request);
  const { apiKey, appId } = readMcpHeaders(request.headers);
  const text = await readText(request, { maxBytes: MAX_MCP_BODY_BYTES });
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(text);
  } catch {
    return parseError();
  }
  const server = createMcpServer({
    baseUrl: portalOrigin(),
    token: bearerToken(request.headers)!,
    apiKey,
    appId,
    tokenScope: principal.scope,
    transport: "http",
  });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  return transport.handleRequest(request, { parsedBody });
}
