import {
  GUIDE,
  is2xx,
  type CheckResult,
  type EngineAction,
  type GradeInput,
  type LoggedCall,
  type ReadinessCheck,
} from "../readiness-check";

/** The persona whose accounts the app reads as the customer in the consent checks. */
export const SESSION_PERSONA = "good_credit";
/** Calls still allowed with an ended consent's token after its first 401 (one may already be in flight). */
export const MAX_CALLS_AFTER_END = 1;
/** After the app is back with a new consent, how long stray calls with the old token are still looked for. */
const SETTLE_MS = 2_500;

/** A customer-data call made with a consent token (the session the check drives). */
export const isConsentCall = (call: LoggedCall) => typeof call.consentToken === "string" && call.path.startsWith("/v1/");
export const isTokenRequest = (call: LoggedCall) => call.method === "POST" && call.path.split("?")[0] === "/oauth/token";

/**
 * The customer session this check asked for is under way: one consent token has answered 2xx
 * twice. One success is not enough: the previous consent check's session may still send one call
 * (already in flight when the check changed) with its own token, and acting on that would end a
 * consent the new session never uses (it would then mint a fresh one after the action).
 */
export function sessionUnderWay(calls: LoggedCall[]): boolean {
  const successes = new Map<string, number>();
  for (const call of calls) {
    if (!isConsentCall(call) || !is2xx(call.status)) continue;
    const seen = (successes.get(call.consentToken!) ?? 0) + 1;
    if (seen >= 2) return true;
    successes.set(call.consentToken!, seen);
  }
  return false;
}

/** How a consent ends mid-session: the engine's action, and the bank's answer to the token from then on. */
type Ending = { verb: "revoked" | "expired"; code: "consent_revoked" | "consent_expired"; action: EngineAction };

/**
 * A check in which the customer's consent ends while the app uses it (the engine ends it at the
 * bank once the session is under way): after the first 401 with the ending's
 * code the app sends the old token at most MAX_CALLS_AFTER_END more times, asks for no new tokens
 * of the dead consent (a refresh is refused: its refresh tokens ended with it), and comes back
 * with a new consent.
 */
export function consentEndedCheck(
  check: Pick<ReadinessCheck, "id" | "title" | "description" | "fixHint"> & { instruction: string; ending: Ending },
): ReadinessCheck {
  const { ending } = check;
  return {
    id: check.id,
    title: check.title,
    description: check.description,
    guide: GUIDE.consents,
    fixHint: check.fixHint,
    instruction: { text: check.instruction, action: { kind: "customer_session", persona: SESSION_PERSONA } },
    timeoutMs: 30_000,
    act: ({ calls }) => (sessionUnderWay(calls) ? ending.action : null),
    grade: (input) => gradeConsentEnded(input, ending),
  };
}

function gradeConsentEnded({ calls, actions = [], now, timedOut }: GradeInput, ending: Ending): CheckResult | null {
  const session = calls.filter(isConsentCall).sort((a, b) => a.startedAt - b.startedAt);
  const ended = actions.find((action) => action.tag === ending.action.tag);
  if (!ended) {
    if (!timedOut) return null;
    return {
      grade: "fail",
      summary: session.length
        ? `No call with a consent token succeeded (${session.length} answered ${session.at(-1)!.status}), so there was no session whose consent could end.`
        : "No call with a consent access token was seen while the check ran.",
      requestIds: session.map((call) => call.id).slice(0, 20),
      deliveryIds: [],
    };
  }
  const saysEnded = (call: LoggedCall) => call.status === 401 && (call.responseBody ?? "").includes(ending.code);
  const first = session.find((call) => saysEnded(call) && call.startedAt >= ended.at - 1_000);
  if (!first) {
    if (!timedOut) return null;
    return {
      grade: "warn",
      summary: `No call reached the ${ending.verb} consent: did the session stop before the consent was ${ending.verb}?`,
      requestIds: [],
      deliveryIds: [],
    };
  }
  const after = session.filter((call) => call.startedAt > first.startedAt);
  const sameToken = after.filter((call) => call.consentToken === first.consentToken);
  const back = after.find((call) => call.consentToken !== first.consentToken && is2xx(call.status));
  // A refused token request between the end and the new consent: a refresh of the dead consent.
  const refused = calls.filter(
    (call) => isTokenRequest(call) && !is2xx(call.status) && call.startedAt > first.startedAt && (!back || call.startedAt < back.startedAt),
  );
  const requestIds = [first.id, ...sameToken.map((call) => call.id), ...refused.map((call) => call.id)].slice(0, 50);
  if (sameToken.length > MAX_CALLS_AFTER_END || refused.length > 0) {
    const parts = [
      sameToken.length > MAX_CALLS_AFTER_END &&
        `sent the ${ending.verb} consent's token ${sameToken.length} more times (at most ${MAX_CALLS_AFTER_END} allowed)`,
      refused.length > 0 &&
        `asked POST /oauth/token for new tokens ${refused.length} time(s), refused (${refused[0].status}): a refresh token ends with its consent`,
    ].filter(Boolean);
    return {
      grade: "fail",
      summary: `After the first 401 ${ending.code}, the app ${parts.join(", and ")}.`,
      requestIds,
      deliveryIds: [],
    };
  }
  if (!back || (!timedOut && now - back.endedAt < SETTLE_MS)) {
    if (!timedOut) return null;
    if (!back) {
      return {
        grade: "fail",
        summary: `The app stopped using the ${ending.verb} consent's token but never came back with a new consent: send the customer through consent again.`,
        requestIds,
        deliveryIds: [],
      };
    }
  }
  return {
    grade: "pass",
    summary: `After the 401 ${ending.code} the old token was sent ${sameToken.length} more time(s), no refresh was tried, and the app came back with a new consent.`,
    requestIds: [...requestIds, back!.id],
    deliveryIds: [],
  };
}
