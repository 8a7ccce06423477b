import http from "node:http";
import https from "node:https";
import { AppError } from "@openbank/contracts/errors";
import type { GatewayCall } from "./call";

export type Upstream = {
  baseUrl: string;
  internalSecret: string;
  timeoutMs: number;
};

export type ForwardContext = {
  requestId: string;
  /** The calling app (also its sandbox tenant); absent for calls that name no app yet. */
  appId?: string;
  /** More internal headers for the bank (consent token, OAuth client). */
  headers?: Record<string, string>;
  /** Cookies the bank set for itself that may pass back (its login pages); others never do. */
  cookies?: string[];
  /** The body to send (read by the fast path, or rewritten by the pipeline). */
  body: Buffer | string | undefined;
  /** Request headers a developer may send that the bank understands on this surface (its dialect's); nothing else passes. */
  passHeaders?: readonly string[];
};

/** What passes when the caller names nothing else: the sandbox API's and the authorization server's headers. */
const DEFAULT_PASS_HEADERS = ["accept", "content-type", "idempotency-key", "sandbox-scenario", "user-agent"];
/** Bank response headers that do not pass back (hop-by-hop, or ours to set). */
const dropResponseHeaders = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "server",
  "x-request-id",
]);

/** The bank's answer, or why there is none (502 bank_unavailable, 504 bank_timeout): a value, never thrown. */
export type Forwarded = { ok: true; status: number; headers: Headers; body: Buffer } | { ok: false; error: AppError };

/**
 * Calls the bank with the tenant, app and request id, trusted by the internal secret, over
 * kept-alive connections (node:http: several times cheaper per call than fetch, see
 * docs/benchmarks.md).
 */
export async function forward(
  call: Pick<GatewayCall, "method" | "path" | "headers">,
  upstream: Upstream,
  context: ForwardContext,
): Promise<Forwarded> {
  const headers: Record<string, string> = {};
  for (const name of context.passHeaders ?? DEFAULT_PASS_HEADERS) {
    const value = call.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  headers["x-internal-secret"] = upstream.internalSecret;
  if (context.appId) {
    headers["x-tenant-id"] = context.appId;
    headers["x-app-id"] = context.appId;
  }
  headers["x-request-id"] = context.requestId;
  if (context.headers) for (const name in context.headers) headers[name.toLowerCase()] = context.headers[name];
  const cookie = bankCookies(call.headers.get("cookie"), context.cookies ?? []);
  if (cookie) headers.cookie = cookie;

  const body = typeof context.body === "string" ? Buffer.from(context.body) : context.body;
  if (body) headers["content-length"] = String(body.length);
  else if (call.method !== "GET" && call.method !== "HEAD") headers["content-length"] = "0";

  const answer = await exchange(new URL(call.path, upstream.baseUrl), call.method, headers, body, upstream.timeoutMs);
  if (!answer.ok) return answer;
  const responseHeaders = new Headers();
  const rawHeaders = answer.rawHeaders;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!dropResponseHeaders.has(name)) responseHeaders.append(name, rawHeaders[i + 1]);
  }
  return { ok: true, status: answer.status, headers: responseHeaders, body: answer.body };
}

/** Kept-alive connections to the bank, per process. */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };

type Exchanged = { ok: true; status: number; rawHeaders: string[]; body: Buffer } | { ok: false; error: AppError };

/** One HTTP exchange, the whole answer read within `timeoutMs` (else 504; a refused or broken connection is 502). */
function exchange(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, timeoutMs: number) {
  return new Promise<Exchanged>((resolve) => {
    const secure = url.protocol === "https:";
    let answered = false;
    const fail = (error: AppError) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ok: false, error });
    };
    const request = (secure ? https : http).request(url, { method, headers, agent: secure ? agents.https : agents.http }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.once("end", () => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve({
          ok: true,
          status: response.statusCode ?? 502,
          rawHeaders: response.rawHeaders,
          body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        });
      });
      response.once("aborted", () => fail(new AppError("bank_unavailable", "The bank closed the connection before answering in full.")));
      response.once("error", () => fail(new AppError("bank_unavailable", "The bank closed the connection before answering in full.")));
    });
    const timer = setTimeout(
      () =>
        fail(
          new AppError(
            "bank_timeout",
            `The bank did not answer within ${timeoutMs / 1000} s. Retrying is safe for requests with an Idempotency-Key.`,
          ),
        ),
      timeoutMs,
    );
    request.once("error", () =>
      fail(new AppError("bank_unavailable", "The sandbox bank is not reachable right now. Try again in a moment.")),
    );
    request.end(body);
  });
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
