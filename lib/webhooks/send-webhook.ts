import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { checkAddress } from "@openbank/contracts/address-policy";
import { BlockedAddressError, createGuardedLookup, type Resolver } from "@openbank/contracts/guarded-lookup";
import { internalTargetReason } from "./internal-ports";

export const RESPONSE_EXCERPT_BYTES = 2_048;

export type SendResult = {
  /** The HTTP status, or null when none arrived (error says why). */
  status: number | null;
  ok: boolean;
  /** The first 2 KiB of the response body. */
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
};

export type SendOptions = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowLoopback: boolean;
  /** Loopback ports never posted to, even with loopback allowed: the bank's and the portal's (internal-ports.ts). */
  internalPorts?: readonly number[];
  /** Tests stub DNS so no real traffic ever goes to private ranges. */
  resolve?: Resolver;
};

/**
 * POSTs one delivery. 2xx is success; anything else (3xx included: redirects are never
 * followed, Node's http does not follow them) is a failure. The whole exchange is bounded by
 * timeoutMs. The SSRF guard runs at connect time on the address actually used: IP literals
 * are checked as they are, names through the guarded lookup, and the socket's remote address
 * once more when it connects. Never throws.
 */
export async function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const fail = (error: string): SendResult => ({ status: null, ok: false, responseBody: null, error, latencyMs: latency() });

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return fail("invalid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return fail(`unsupported scheme ${url.protocol}`);
  // WHATWG URL parsing already normalised 127.1, 0x7f000001 and 2130706433 to 127.0.0.1.
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const internal = options.internalPorts ?? [];
  if (isIP(literal)) {
    const verdict = checkAddress(literal, options);
    if (!verdict.allowed) return fail(new BlockedAddressError(verdict.reason).message);
    const reason = internalTargetReason(literal, port, internal);
    if (reason) return fail(new BlockedAddressError(reason).message);
  }

  const client = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: "POST",
        agent: false,
        lookup: createGuardedLookup({ allowLoopback: options.allowLoopback, resolve: options.resolve }),
        headers: {
          ...options.headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(options.body),
          "user-agent": "OpenBank-Webhooks/1.0",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Enough for the log; do not let a receiver stream us a large body.
          if (size > 64 * 1024) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
          const redirect =
            status >= 300 && status < 400
              ? `redirect not followed${response.headers.location ? ` (Location: ${String(response.headers.location).slice(0, 200)})` : ""}`
              : null;
          finish({ status, ok: status >= 200 && status < 300, responseBody: excerpt, error: redirect, latencyMs: latency() });
        };
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    request.on("socket", (socket) => {
      socket.once("connect", () => {
        const remote = socket.remoteAddress;
        const verdict = remote ? checkAddress(remote, options) : { allowed: false as const, reason: "no remote address" };
        if (!verdict.allowed) return request.destroy(new BlockedAddressError(verdict.reason));
        // A name (localhost, or one that resolves to loopback) reaching the bank's or the portal's port.
        const reason = internalTargetReason(remote!, socket.remotePort ?? port, internal);
        if (reason) request.destroy(new BlockedAddressError(reason));
      });
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof BlockedAddressError) return finish(fail(error.message));
      finish(fail(error.code ? `${error.code}: ${error.message}` : error.message));
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish(fail(`timed out after ${options.timeoutMs / 1000} s`));
    }, options.timeoutMs);
    request.end(options.body);
  });
}
