import { consentEndedCheck, SESSION_PERSONA } from "./consent-ended";

/**
 * The consent reaches its expiry mid-session (the engine expires it at the bank with the sandbox
 * control POST /v1/sandbox/consents/{id}/expire, as 90 days would, without moving the app's clock).
 */
export const consentExpired = consentEndedCheck({
  id: "consent-expired",
  title: "Consent expired mid-session",
  description:
    "The customer's consent expires while the app uses it: the app tells a `consent_expired` from an expired access token, tries no refresh, stops sending the token and asks the customer for a new consent.",
  fixHint:
    "On 401 `consent_expired`, do not refresh (the refresh token expired with the consent: it answers 400 `invalid_grant`): drop the consent's tokens and send the customer through consent again. Only `invalid_token` with an expired access token is answered by a refresh.",
  instruction: `Now read ${SESSION_PERSONA}'s accounts as the customer, once a second, with a consent (POST /v1/sandbox/consents, or your OAuth flow). The consent will expire meanwhile.`,
  ending: { verb: "expired", code: "consent_expired", action: { tag: "expire", kind: "expire_consent", persona: SESSION_PERSONA } },
});
