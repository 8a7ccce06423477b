import { callBank } from "@/lib/bank/call-bank";
import { listAppConsents } from "@/lib/consents/list-app-consents";
import { revokeAppConsent } from "@/lib/consents/revoke-app-consent";
import { advanceSandboxClock } from "@/lib/sandbox/advance-sandbox-clock";
import type { EngineAction } from "./readiness-check";

/** Past a consent access token's hour of life (mock-bank ACCESS_TOKEN_SECONDS), with a margin. */
export const EXPIRE_ADVANCE_SECONDS = 3_600 + 120;

/**
 * What the engine does to the app under test mid-check, at the bank and in the app's own tenant
 * only: revoke a persona's consents as the customer would, or make them expire now, move the sandbox clock past the access
 * token's lifetime, or move it on by days. Answers what it touched, for the run.
 */
export async function performEngineAction(options: { appId: string; action: EngineAction }): Promise<string> {
  const { appId, action } = options;
  switch (action.kind) {
    case "revoke_consent": {
      const active = await authorisedConsentsOf(appId, action.persona);
      for (const consent of active) await revokeAppConsent({ appId, consentId: consent.id });
      return active.length ? `revoked ${active.map((consent) => consent.id).join(", ")}` : `no authorised consent of ${action.persona}`;
    }
    case "expire_consent": {
      const active = await authorisedConsentsOf(appId, action.persona);
      for (const consent of active)
        await callBank({ appId, method: "POST", path: `/v1/sandbox/consents/${encodeURIComponent(consent.id)}/expire` });
      return active.length ? `expired ${active.map((consent) => consent.id).join(", ")}` : `no authorised consent of ${action.persona}`;
    }
    case "expire_access_token": {
      const clock = await callBank<{ now: string }>({ appId, method: "GET", path: "/v1/sandbox/clock" });
      const until = new Date(Date.parse(clock.now) + EXPIRE_ADVANCE_SECONDS * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
      await callBank({ appId, method: "POST", path: "/v1/sandbox/clock/advance", body: { until } });
      return `sandbox clock moved to ${until}`;
    }
    case "advance_clock": {
      const moved = await advanceSandboxClock({ appId, input: { days: action.days } });
      return `sandbox clock moved ${action.days} days to ${moved.now}`;
    }
  }
}

/** The app's authorised /v1 consents of a persona: the ones a customer session may be using. */
async function authorisedConsentsOf(appId: string, persona: string) {
  const consents = await listAppConsents({ appId, limit: 100 });
  return consents.filter((consent) => consent.standard === "v1" && consent.status === "authorised" && consent.persona === persona);
}
