import { FRESH_UUID_EXAMPLE, FRESH_UUID_HEADERS } from "@openbank/contracts/fresh-values";

/** An operation that takes the customer's token: its method and full path template (`/open-banking/v4.0/aisp/accounts/{AccountId}`). */
export type CustomerTokenCall = { method: string; path: string };

const pathOf = (url: string) => (url.startsWith("/") ? url.split("?")[0] : new URL(url).pathname);

/** Whether a Try-it-out request is one of those operations. */
export function takesCustomerToken(calls: CustomerTokenCall[], method: string, url: string): boolean {
  const path = pathOf(url);
  return calls.some(
    (call) =>
      call.method.toUpperCase() === method.toUpperCase() &&
      new RegExp(`^${call.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path),
  );
}

/**
 * Headers a standard wants new on every call (X-Request-ID, x-idempotency-key,
 * x-fapi-interaction-id) still holding the documented example get a fresh UUID, so Execute
 * pressed twice is two requests, not a replay. A value the reader typed is theirs to keep.
 */
export function withFreshIds<T extends { headers: Record<string, string> }>(request: T): T {
  for (const name of Object.keys(request.headers))
    if (FRESH_UUID_HEADERS.includes(name.toLowerCase()) && request.headers[name] === FRESH_UUID_EXAMPLE)
      request.headers[name] = crypto.randomUUID();
  return request;
}
