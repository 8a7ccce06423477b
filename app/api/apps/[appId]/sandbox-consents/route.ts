import { mintSandboxConsentOperation } from "@/lib/consents/consent-operations";
import { mintSandboxConsent } from "@/lib/consents/mint-sandbox-consent";
import { handle } from "@/lib/portal-api/handle-operation";

// The interactive docs' "Authorise as persona": a consent token for Try-it-out.
export const POST = handle(mintSandboxConsentOperation, ({ app, body }) => mintSandboxConsent({ appId: app.appId, input: body }));
