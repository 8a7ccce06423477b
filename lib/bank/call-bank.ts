import { env } from "../env";
import { AppError, isErrorCode, type FieldError } from "@openbank/contracts/errors";

type BankRequest = {
  appId: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  /** An `Idempotency-Key`, for the bank's creations that require one. */
  idempotencyKey?: string;
};

/** One internal request to the bank as the app: the internal secret and the app as tenant; an unreachable bank a 502. */
async function send(options: BankRequest): Promise<Response> {
  const config = env();
  try {
    return await fetch(new URL(options.path, config.BANK_URL), {
      method: options.method,
      headers: {
        "x-internal-secret": config.BANK_INTERNAL_SECRET,
        "x-tenant-id": options.appId,
        "x-app-id": options.appId,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(config.BANK_TIMEOUT_MS),
    });
  } catch {
    throw new AppError("bank_unavailable", "The sandbox bank is not reachable right now. Try again in a moment.");
  }
}

/** A bank problem+json as the same AppError (pointers kept); anything unreadable a 502. */
async function problemOf(response: Response): Promise<AppError> {
  const body = (await response.json().catch(() => null)) as { code?: string; detail?: string; errors?: FieldError[] } | null;
  const code = isErrorCode(body?.code) ? body.code : "bank_unavailable";
  return new AppError(code, body?.detail, { errors: body?.errors });
}

/**
 * The portal's own internal calls to the bank on an app's behalf (dashboard consents list,
 * the docs' "authorise as persona", the Sandbox tab). Same trust as the gateway: the internal
 * secret and the app as tenant. A bank problem becomes the same AppError; an unreachable bank a 502.
 * A 204 answers undefined.
 */
export async function callBank<T>(options: BankRequest): Promise<T> {
  const response = await send(options);
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await problemOf(response);
  const body = (await response.json().catch(() => null)) as T | null;
  if (body === null) throw new AppError("bank_unavailable", "The sandbox bank answered something that is not JSON.");
  return body;
}

/** The same call for a file the bank serves (an export): its bytes and headers, untouched. */
export async function callBankRaw(options: BankRequest): Promise<{ body: ArrayBuffer; contentType: string; disposition: string | null }> {
  const response = await send(options);
  if (!response.ok) throw await problemOf(response);
  return {
    body: await response.arrayBuffer(),
    contentType: response.headers.get("content-type") ?? "application/json",
    disposition: response.headers.get("content-disposition"),
  };
}
