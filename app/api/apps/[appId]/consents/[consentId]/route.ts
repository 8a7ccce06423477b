import { revokeAppConsentOperation } from "@/lib/consents/consent-operations";
import { revokeAppConsent } from "@/lib/consents/revoke-app-consent";
import { handle } from "@/lib/portal-api/handle-operation";

export const DELETE = handle(revokeAppConsentOperation, ({ app, params }) =>
  revokeAppConsent({ appId: app.appId, consentId: params.consentId }),
);
