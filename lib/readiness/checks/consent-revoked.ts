import { consentEndedCheck, SESSION_PERSONA } from "./consent-ended";

/** The customer revokes the consent mid-session (the engine revokes it at the bank, as the connected-apps page would). */
export const consentRevoked = consentEndedCheck({
  id: "consent-revoked",
  title: "Consent revoked mid-session",
  description:
    "The customer's consent is revoked while the app uses it: the app stops sending that token after the first 401 `consent_revoked` and sends the customer back through consent.",
  fixHint:
    "On 401 `consent_revoked`, drop the consent's tokens at once (no retry, no refresh: both are dead) and send the customer through consent again.",
  instruction: `Now read ${SESSION_PERSONA}'s accounts as the customer: with a consent (POST /v1/sandbox/consents, or your OAuth flow), call GET /v1/accounts with its access token once a second. The customer will revoke the consent meanwhile.`,
  ending: { verb: "revoked", code: "consent_revoked", action: { tag: "revoke", kind: "revoke_consent", persona: SESSION_PERSONA } },
});
