import { AppError } from "../errors";

export type Upstream = {
  baseUrl: string;
  internalSecret: string;
  timeoutMs: number;
  maxBodyBytes: number;
};

export type ForwardContext = {
  requestId: string;
  /** The calling app (also its sandbox tenant); absent for calls that name no app yet. */
  appId?: string;
  /** More internal headers for the bank (consent token, OAuth client). */
  headers?: Record<string, string>;
  /** Cookies the bank set for itself that may pass back (its login pages); others never do. */
  cookies?: string[];
  /** The body to send when the caller read it already (to log or rewrite it); when the key is absent, forward reads the request's. */
  body?: string | ArrayBuffer;
};

/** Request headers a developer may send that the bank understands. Nothing else passes. */
const passRequestHeaders = ["accept", "content-type", "idempotency-key", "sandbox-scenario", "user-agent"];
/** Bank response headers that do not pass back (hop-by-hop, or ours to set). */
const dropResponseHeaders = new Set([
  "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date", "server", "x-request-id",
]);

export type Forwarded = { status: number; headers: Headers; body: ArrayBuffer };

/**
 * Step 3: call the bank with the tenant, app and request id, trusted by the internal
 * secret. Node's fetch keeps connections alive. Failures become 502/504 problems.
 */
export async function forward(request: Request, upstream: Upstream, context: ForwardContext): Promise<Forwarded> {
  const url = new URL(request.url);
  const headers = new Headers();
  for (const name of passRequestHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set("x-internal-secret", upstream.internalSecret);
  if (context.appId) {
    headers.set("x-tenant-id", context.appId);
    headers.set("x-app-id", context.appId);
  }
  headers.set("x-request-id", context.requestId);
  for (const [name, value] of Object.entries(context.headers ?? {})) headers.set(name, value);
  const cookie = bankCookies(request.headers.get("cookie"), context.cookies ?? []);
  if (cookie) headers.set("cookie", cookie);

  // A caller that read the body already (to log it, or to rewrite it) passes it, even when
  // there is none; otherwise it is read here.
  const body = "body" in context ? context.body : await readBody(request, upstream.maxBodyBytes);
  let response: Response;
  try {
    response = await fetch(new URL(url.pathname + url.search, upstream.baseUrl), {
      method: request.method,
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(upstream.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new AppError("bank_timeout", `The bank did not answer within ${upstream.timeoutMs / 1000} s. Retrying is safe for requests with an Idempotency-Key.`);
    }
    throw new AppError("bank_unavailable", "The sandbox bank is not reachable right now. Try again in a moment.");
  }
  const responseHeaders = new Headers();
  response.headers.forEach((value, name) => {
    if (!dropResponseHeaders.has(name)) responseHeaders.set(name, value);
  });
  let responseBody: ArrayBuffer;
  try {
    responseBody = await response.arrayBuffer();
  } catch {
    throw new AppError("bank_unavailable", "The bank closed the connection before answering in full.");
  }
  return { status: response.status, headers: responseHeaders, body: responseBody };
}

/** Only the named cookies: the portal's own session never reaches the bank. */
function bankCookies(header: string | null, names: string[]): string {
  if (!header || !names.length) return "";
  return header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => names.includes(part.split("=")[0]))
    .join("; ");
}

/** The request body (undefined for GET/HEAD or empty), refused above `maxBytes`. Read once: the log keeps it too. */
export async function readBody(request: Request, maxBytes: number): Promise<ArrayBuffer | undefined> {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("payload_too_large", `Request bodies are limited to ${maxBytes / 1024} KiB.`);
  const body = await request.arrayBuffer();
  if (body.byteLength > maxBytes) throw new AppError("payload_too_large", `Request bodies are limited to ${maxBytes / 1024} KiB.`);
  return body.byteLength > 0 ? body : undefined;
}
