import type { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { PRIVATE_NO_STORE } from "@openbank/contracts/problem";
import { portalOrigin } from "@/lib/http/portal-url";
import { readText } from "@/lib/http/read-body";
import { isJsonContentType } from "@/lib/http/read-json";
import { withErrors } from "@/lib/http/route-handler";
import type { Operation, OperationSpec } from "./define-operation";
import type { OperationRoute } from "./handle-operation";

/** RFC 6749 §5.2's error object, and RFC 8628's `interval` that comes with `slow_down`. */
export type OAuthFailure = { ok: false; error: string; description: string; interval?: number };
export type OAuthAnswer<Body> = { ok: true; status?: 200; body: Body } | OAuthFailure;

/** Forms of the RFC surfaces are a few short fields: anything past this is refused unread (413). */
const MAX_FORM_BYTES = 16 * 1024;

export const oauthError = (error: string, description: string, extra: { interval?: number } = {}): OAuthFailure => ({
  ok: false,
  error,
  description,
  ...extra,
});

/**
 * These endpoints use no cookie, so a forged request gains nothing from the browser; they are for
 * programs (the CLI), which send no `Origin`. A browser on another site does send one (and
 * `Sec-Fetch-Site`): it is refused, 403 problem+json, as everywhere else in the portal API.
 */
function assertNotCrossSiteBrowser(request: Request): void {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if ((origin !== null && origin !== portalOrigin()) || site === "cross-site" || site === "same-site") {
    throw new AppError("forbidden", "Cross-site request refused: this endpoint is for the openbank CLI, not for web pages");
  }
}

/** The body's fields: a form (the RFC's encoding) or a JSON object of strings; null when it is neither. */
async function readFields(request: Request): Promise<Record<string, unknown> | null> {
  const text = await readText(request, { maxBytes: MAX_FORM_BYTES }); // bounded before anything is judged
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(text);
    // RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once."
    const names = [...form.keys()];
    if (new Set(names).size !== names.length) return null;
    return Object.fromEntries(form);
  }
  if (isJsonContentType(type)) {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return null;
}

function answer(status: number, body: unknown): Response {
  // RFC 6749 §5.1: token answers must not be cached ("no-store"; Pragma for HTTP/1.0 caches).
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": PRIVATE_NO_STORE, pragma: "no-cache" },
  });
}

/**
 * The route of an operation on an RFC surface (`oauthErrors` in its declaration): the device
 * grant's two endpoints. The body is read once, bounded; fields the declaration refuses and bodies
 * that are neither a form nor JSON answer `invalid_request`; the handler returns the success body
 * or an RFC error as a value. Problems remain for what the RFC does not cover (403 cross-site, 413,
 * 429 of a throttle, 500).
 */
export function handleOAuthForm<Spec extends OperationSpec & { body: z.ZodType; oauthErrors: readonly string[] }, Body>(
  operation: Operation<Spec>,
  handler: (context: { request: Request; body: z.output<Spec["body"]> }) => Promise<OAuthAnswer<Body>>,
): OperationRoute {
  const route = withErrors(async (request: Request) => {
    assertNotCrossSiteBrowser(request);
    const fields = await readFields(request);
    if (!fields) {
      return answer(400, {
        error: "invalid_request",
        error_description: "Send the parameters as application/x-www-form-urlencoded (or a JSON object), each once.",
      });
    }
    const parsed = operation.body.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join(".") || "body";
      return answer(400, { error: "invalid_request", error_description: `${field}: ${issue.message}` });
    }
    const result = await handler({ request, body: parsed.data as z.output<Spec["body"]> });
    if (!result.ok) {
      return answer(400, {
        error: result.error,
        error_description: result.description,
        ...(result.interval ? { interval: result.interval } : {}),
      });
    }
    return answer(result.status ?? 200, result.body);
  });
  return Object.assign(route, { operation: operation as Operation });
}
