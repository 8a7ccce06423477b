/**
 * Request headers whose value must be new on every call (a UUID the client makes up): the Berlin
 * Group's X-Request-ID, UK Open Banking's x-fapi-interaction-id and x-idempotency-key. The
 * standards' OpenAPI documents show this example for them; the API reference's Try-it-out sends
 * a fresh UUID wherever it still holds the example, so pressing Execute twice never replays.
 */
export const FRESH_UUID_EXAMPLE = "00000000-0000-4000-8000-000000000000";

export const FRESH_UUID_HEADERS: readonly string[] = ["x-request-id", "x-fapi-interaction-id", "x-idempotency-key"];
