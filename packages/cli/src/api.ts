import createClient from "openapi-fetch";
import type { Context } from "./context.js";
import { CliError, EXIT } from "./errors.js";
import type { paths } from "./portal-api-schema.js";

const USER_AGENT = "openbank-cli/0.1.0";

async function reach(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(
      `Could not reach ${new URL(url).origin} (${cause}). Is the portal running? Set --base-url or OPENBANK_URL.`,
      EXIT.unreachable,
    );
  }
}

/** Throws the answer's problem unless it is 2xx. */
async function okOrThrow(response: Response): Promise<Response> {
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  throw CliError.fromProblem(response.status, body, response.headers.get("x-request-id"));
}

/** What a call needs of the context: where, and with which credentials (the MCP server builds one per HTTP request). */
export type Connection = Pick<Context, "baseUrl" | "token" | "apiKey">;

function needToken(context: Connection): string {
  if (context.token) return context.token;
  throw new CliError(
    context.apiKey
      ? "This command uses the portal API, which takes a personal access token, not an API key: pass --token, set OPENBANK_TOKEN, or run `openbank login`."
      : "Not signed in: run `openbank login`, or pass --token / set OPENBANK_TOKEN.",
    EXIT.unauthenticated,
  );
}

/**
 * The portal API (`/api/*`), typed from its OpenAPI document (`portal-api-schema.d.ts`, written
 * by `npm run client:generate`), authenticated with the context's personal access token. Every
 * non-2xx answer throws a CliError carrying the problem.
 */
export function portalApi(context: Connection) {
  const token = needToken(context);
  const client = createClient<paths>({
    baseUrl: context.baseUrl,
    headers: { accept: "application/json", authorization: `Bearer ${token}`, "user-agent": USER_AGENT },
    fetch: async (request: Request) => okOrThrow(await reach(request.url, request)),
  });
  return client;
}

/**
 * A raw call to the portal's origin, for what the typed client does not cover: the sandbox
 * (`/v1/*`, with the API key if there is one, else the token), streams, and unauthenticated
 * endpoints (the device grant). Throws on a non-2xx answer unless `allowError` is set.
 */
export async function request(
  context: Connection,
  method: string,
  path: string,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
    auth?: "token" | "apiKey" | "none";
    allowError?: boolean;
    signal?: AbortSignal;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT, ...options.headers };
  const auth = options.auth ?? "token";
  if (auth === "token") headers.authorization = `Bearer ${needToken(context)}`;
  if (auth === "apiKey") {
    if (!context.apiKey)
      throw new CliError("This command needs a sandbox API key: pass --api-key or set OPENBANK_API_KEY.", EXIT.unauthenticated);
    headers.authorization = `Bearer ${context.apiKey}`;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const response = await reach(`${context.baseUrl}${path}`, { method, headers, body, signal: options.signal });
  return options.allowError ? response : okOrThrow(response);
}
