import { GUIDE, is2xx, type CheckResult, type GradeInput, type LoggedCall, type ReadinessCheck } from "../readiness-check";

export const SESSION_PERSONA = "good_credit";
/** Calls still allowed with the revoked token after its first 401 (one may already be in flight). */
export const MAX_CALLS_AFTER_REVOKED = 1;
/** After the app is back with a new consent, how long stray calls with the old token are still looked for. */
const SETTLE_MS = 2_500;

/** A customer-data call made with a consent token (the session the check drives). */
export const isConsentCall = (call: LoggedCall) => typeof call.consentToken === "string" && call.path.startsWith("/v1/");
const saysRevoked = (call: LoggedCall) => call.status === 401 && (call.responseBody ?? "").includes("consent_revoked");

/**
 * The customer revokes the consent mid-session (the engine revokes it at the bank once the app's
 * first consent-token call succeeded): after the first 401 consent_revoked the app sends the old
 * token at most MAX_CALLS_AFTER_REVOKED more times, and comes back with a new consent.
 */
export const consentRevoked: ReadinessCheck = {
  id: "consent-revoked",
  title: "Consent revoked mid-session",
  description:
    "The customer's consent is revoked while the app uses it: the app stops sending that token after the first 401 consent_revoked and sends the customer back through consent.",
  guide: GUIDE.consents,
  fixHint:
    "On 401 `consent_revoked` (or `consent_expired`), drop the consent's tokens at once (no retry, no refresh: both are dead) and send the customer through consent again.",
  instruction: {
    text: `Now read ${SESSION_PERSONA}'s accounts as the customer: with a consent (POST /v1/sandbox/consents, or your OAuth flow), call GET /v1/accounts with its access token once a second. The customer will revoke the consent meanwhile.`,
    action: { kind: "customer_session", persona: SESSION_PERSONA },
  },
  timeoutMs: 30_000,
  act: ({ calls }) =>
    calls.some((call) => isConsentCall(call) && is2xx(call.status))
      ? { tag: "revoke", kind: "revoke_consent", persona: SESSION_PERSONA }
      : null,
  grade: gradeConsentRevoked,
};

function gradeConsentRevoked({ calls, actions = [], now, timedOut }: GradeInput): CheckResult | null {
  const session = calls.filter(isConsentCall).sort((a, b) => a.startedAt - b.startedAt);
  const revoked = actions.find((action) => action.tag === "revoke");
  if (!revoked) {
    if (!timedOut) return null;
    return {
      grade: "fail",
      summary: session.length
        ? `No call with a consent token succeeded (${session.length} answered ${session.at(-1)!.status}), so there was no session to revoke.`
        : "No call with a consent access token was seen while the check ran.",
      requestIds: session.map((call) => call.id).slice(0, 20),
      deliveryIds: [],
    };
  }
  const first = session.find((call) => saysRevoked(call) && call.startedAt >= revoked.at - 1_000);
  if (!first) {
    if (!timedOut) return null;
    return {
      grade: "warn",
      summary: "No call reached the revoked consent: did the session stop before the customer revoked it?",
      requestIds: [],
      deliveryIds: [],
    };
  }
  const after = session.filter((call) => call.startedAt > first.startedAt);
  const sameToken = after.filter((call) => call.consentToken === first.consentToken);
  const requestIds = [first.id, ...sameToken.map((call) => call.id)].slice(0, 50);
  if (sameToken.length > MAX_CALLS_AFTER_REVOKED) {
    return {
      grade: "fail",
      summary: `After the first 401 consent_revoked, the app sent the revoked token ${sameToken.length} more times (at most ${MAX_CALLS_AFTER_REVOKED} allowed).`,
      requestIds,
      deliveryIds: [],
    };
  }
  const back = after.find((call) => call.consentToken !== first.consentToken && is2xx(call.status));
  if (!back || (!timedOut && now - back.endedAt < SETTLE_MS)) {
    if (!timedOut) return null;
    if (!back) {
      return {
        grade: "fail",
        summary: "The app stopped using the revoked token but never came back with a new consent: send the customer through consent again.",
        requestIds,
        deliveryIds: [],
      };
    }
  }
  return {
    grade: "pass",
    summary: `After the 401 consent_revoked the old token was sent ${sameToken.length} more time(s); the app came back with a new consent.`,
    requestIds: [...requestIds, back!.id],
    deliveryIds: [],
  };
}
