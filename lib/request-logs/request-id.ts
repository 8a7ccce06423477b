/** A request id as the gateway hands it out (`req_` and base62), e.g. in `X-Request-Id` and every problem. */
const REQUEST_ID = /^req_[0-9A-Za-z]{1,40}$/;

/**
 * The request id in what someone pasted (a search box, a filter), or null: surrounding spaces,
 * quotes and backticks are dropped, since ids are copied out of JSON and logs.
 */
export function pastedRequestId(text: string | null | undefined): string | null {
  const candidate = (text ?? "").trim().replace(/^["'`]+|["'`,]+$/g, "");
  return REQUEST_ID.test(candidate) ? candidate : null;
}

/** Where a pasted request id opens: the dashboard finds the app among the user's that logged it. */
export function requestHref(requestId: string): string {
  return `/dashboard/requests/${requestId}`;
}
