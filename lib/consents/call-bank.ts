import { env } from "../env";
import { AppError, isErrorCode, type FieldError } from "@openbank/contracts/errors";

/**
 * The portal's own internal calls to the bank on an app's behalf (dashboard consents list,
 * the docs' "authorise as persona"). Same trust as the gateway: the internal secret and the
 * app as tenant. A bank problem becomes the same AppError; an unreachable bank a 502.
 */
export async function callBank<T>(options: { appId: string; method: "GET" | "POST" | "DELETE"; path: string; body?: unknown }): Promise<T> {
  const config = env();
  let response: Response;
  try {
    response = await fetch(new URL(options.path, config.BANK_URL), {
      method: options.method,
      headers: {
        "x-internal-secret": config.BANK_INTERNAL_SECRET,
        "x-tenant-id": options.appId,
        "x-app-id": options.appId,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(config.BANK_TIMEOUT_MS),
    });
  } catch {
    throw new AppError("bank_unavailable", "The sandbox bank is not reachable right now. Try again in a moment.");
  }
  const body = (await response.json().catch(() => null)) as (T & { code?: string; detail?: string; errors?: FieldError[] }) | null;
  if (response.ok && body) return body;
  const code = isErrorCode(body?.code) ? body.code : "bank_unavailable";
  throw new AppError(code, body?.detail, { errors: body?.errors });
}
