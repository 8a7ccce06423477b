import { callBank } from "@/lib/bank/call-bank";
import { listAppConsents } from "@/lib/consents/list-app-consents";
import { revokeAppConsent } from "@/lib/consents/revoke-app-consent";
import type { SessionAction } from "./readiness-check";

/** Past a consent access token's hour of life (mock-bank ACCESS_TOKEN_SECONDS), with a margin. */
export const EXPIRE_ADVANCE_SECONDS = 3_600 + 120;

/**
 * What the engine does to the customer session a check drives, at the bank, as
 * the app under test (its own tenant only): revoke the persona's consent as the customer would, or
 * move the app's sandbox clock past the access token's lifetime. Answers what it touched, for the run.
 */
export async function performSessionAction(options: { appId: string; persona: string; action: SessionAction }): Promise<string> {
  const { appId, persona, action } = options;
  if (action.kind === "revoke_consent") {
    const consents = await listAppConsents({ appId, limit: 100 });
    const active = consents.filter(
      (consent) => consent.standard === "v1" && consent.status === "authorised" && consent.persona === persona,
    );
    for (const consent of active) await revokeAppConsent({ appId, consentId: consent.id });
    return active.length ? `revoked ${active.map((consent) => consent.id).join(", ")}` : `no authorised consent of ${persona}`;
  }
  const clock = await callBank<{ now: string }>({ appId, method: "GET", path: "/v1/sandbox/clock" });
  const until = new Date(Date.parse(clock.now) + EXPIRE_ADVANCE_SECONDS * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  await callBank({ appId, method: "POST", path: "/v1/sandbox/clock/advance", body: { until } });
  return `sandbox clock moved to ${until}`;
}
