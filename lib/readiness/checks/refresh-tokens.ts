import { GUIDE, is2xx, type CheckResult, type GradeInput, type LoggedCall, type ReadinessCheck } from "../readiness-check";
import { isConsentCall, isTokenRequest as isRefresh, sessionUnderWay, SESSION_PERSONA } from "./consent-ended";

/** After the second refresh, how long the app's calls are still watched (a reused token shows up as a refused refresh). */
const SETTLE_MS = 2_500;

/** The bank's answer to a consent call whose access token is past its hour. */
const tokenExpired = (call: LoggedCall) =>
  isConsentCall(call) && call.status === 401 && /access token has expired/.test(call.responseBody ?? "");
/** The bank's family revocation, seen on the next call with a token of that family. */
const familyRevoked = (call: LoggedCall) => call.status === 401 && /access token has been revoked/.test(call.responseBody ?? "");

/**
 * The access token expires mid-session, twice (the engine moves the app's sandbox clock past its
 * hour once the app's token works, and again after the first refresh): each time the app refreshes
 * with the newest refresh token. A used refresh token sent again is refused, and the bank revokes
 * every token of the consent: a refused refresh fails the check, with the revoked calls as evidence.
 */
export const refreshTokens: ReadinessCheck = {
  id: "refresh-tokens",
  title: "Refresh-token rotation",
  description:
    "The access token expires twice mid-session: the app refreshes each time with the newest refresh token (each works once) and never sends a used one again.",
  guide: GUIDE.consents,
  fixHint:
    "On 401 `invalid_token` (expired), refresh at POST /oauth/token and store both new tokens before using either; never send a refresh token twice (a reuse revokes the whole consent's tokens). On `consent_expired`, send the customer through consent again.",
  instruction: {
    text: `Now read ${SESSION_PERSONA}'s accounts as the customer, once a second, with a fresh consent. Your sandbox clock will jump past the access token's hour twice: refresh (POST /oauth/token, grant_type=refresh_token) and carry on.`,
    action: { kind: "customer_session", persona: SESSION_PERSONA },
  },
  timeoutMs: 40_000,
  act({ calls, actions = [] }) {
    const firstExpiry = actions.find((action) => action.tag === "expire-1");
    if (!firstExpiry) return sessionUnderWay(calls) ? { tag: "expire-1", kind: "expire_access_token" } : null;
    const refreshed = calls.find((call) => isRefresh(call) && is2xx(call.status) && call.startedAt >= firstExpiry.at);
    const usedNewToken = refreshed && calls.some((call) => isConsentCall(call) && is2xx(call.status) && call.startedAt > refreshed.endedAt);
    return usedNewToken ? { tag: "expire-2", kind: "expire_access_token" } : null;
  },
  grade: gradeRefreshTokens,
};

function gradeRefreshTokens({ calls, actions = [], now, timedOut }: GradeInput): CheckResult | null {
  const firstExpiry = actions.find((action) => action.tag === "expire-1");
  const secondExpiry = actions.find((action) => action.tag === "expire-2");
  const watched = calls.filter((call) => isRefresh(call) || isConsentCall(call)).sort((a, b) => a.startedAt - b.startedAt);
  // This session's refreshes start with its first "access token has expired"; a refresh before it
  // belongs to the previous check's session (its last calls, in flight when the check changed).
  const sessionFrom =
    watched.find((call) => tokenExpired(call) && (!firstExpiry || call.startedAt >= firstExpiry.at))?.startedAt ?? firstExpiry?.at;
  const refreshes = watched.filter((call) => isRefresh(call) && (sessionFrom === undefined || call.startedAt >= sessionFrom));
  const requestIds = refreshes.map((call) => call.id).slice(0, 50);
  const refused = refreshes.find(
    (call) => !is2xx(call.status) && refreshes.some((earlier) => is2xx(earlier.status) && earlier.startedAt < call.startedAt),
  );
  if (refused) {
    const revokedCall = watched.find((call) => familyRevoked(call) && call.startedAt > refused.startedAt);
    // The next call shows whether the bank revoked the family (a reuse): wait a moment for it.
    if (!revokedCall && !timedOut && now - refused.endedAt < SETTLE_MS) return null;
    return {
      grade: "fail",
      summary: revokedCall
        ? `A refresh token was sent again after it had been rotated: the bank refused it (${refused.status}) and revoked every token of the consent (the next call answered 401).`
        : `A refresh after a rotation was refused (${refused.status}): was a used refresh token sent again?`,
      requestIds: revokedCall ? [...requestIds, revokedCall.id] : requestIds,
      deliveryIds: [],
    };
  }
  const ok = refreshes.filter((call) => is2xx(call.status));
  const lastRefresh = ok.at(-1);
  const usedAfter =
    lastRefresh && watched.find((call) => isConsentCall(call) && is2xx(call.status) && call.startedAt > lastRefresh.endedAt);
  const done = secondExpiry && ok.some((call) => call.startedAt >= secondExpiry.at) && usedAfter;
  if (!done || (!timedOut && now - usedAfter.endedAt < SETTLE_MS)) {
    if (!timedOut) return null;
    if (!done) {
      const expired = watched.filter((call) => isConsentCall(call) && call.status === 401);
      return {
        grade: "fail",
        summary: !firstExpiry
          ? "No call with a consent access token succeeded, so there was no session whose token could expire."
          : ok.length === 0
            ? `The access token expired and was never refreshed (${expired.length} call(s) answered 401).`
            : `Only ${ok.length} of the 2 expiries was followed by a refresh and a call with the new token.`,
        requestIds: [...requestIds, ...expired.map((call) => call.id)].slice(0, 50),
        deliveryIds: [],
      };
    }
  }
  return {
    grade: "pass",
    summary: `The access token expired twice; the app refreshed ${ok.length} time(s), each refresh token once, and went on with the new tokens.`,
    requestIds: [...requestIds, usedAfter!.id],
    deliveryIds: [],
  };
}
