import { defineOperation } from "@/lib/portal-api/define-operation";
import { z } from "zod";
import { appParams, list, resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { consentDto, sandboxConsentTokensDto } from "./consent-dto";
import { mintSandboxConsentInput } from "./mint-sandbox-consent";

export const listAppConsentsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/consents",
  operationId: "listAppConsents",
  tag: "Consents",
  summary: "List the app's consents",
  description:
    "The newest 50, from the sandbox bank (the consents' one home): /v1's own and those made through UK Open Banking or the Berlin Group, each with its `standard` and `kind`.",
  access: { app: "app:read" },
  params: appParams,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The app's consents, newest first.", schema: list(consentDto, 100) },
});

export const revokeAppConsentOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}/consents/{consentId}",
  operationId: "revokeAppConsent",
  tag: "Consents",
  summary: "Revoke a consent",
  description:
    "At the bank, whatever standard it was made through (`revoked_by: developer`): its tokens stop working at once and `consent.revoked` fires. A consent awaiting authorisation is revoked too; one that already ended is returned as it ended.",
  access: { app: "app:update" },
  params: appParams.extend({ consentId: resourceId.describe("The consent's id (`cns_…`)") }),
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The revoked consent.", schema: consentDto },
});

export const mintSandboxConsentOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/sandbox-consents",
  operationId: "mintSandboxConsent",
  tag: "Consents",
  summary: "Authorise as a test persona",
  description:
    'The interactive docs\' "Authorise as persona": a sandbox consent and its tokens, minted at the bank for the app, for Try-it-out.',
  access: { app: "key:use" },
  params: appParams,
  body: mintSandboxConsentInput,
  errors: ["bank_unavailable"],
  success: { status: 201, description: "The consent and its first tokens.", schema: sandboxConsentTokensDto },
});

export const createConnectedAppsLinkOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/connected-apps-link",
  operationId: "createConnectedAppsLink",
  tag: "Consents",
  summary: "Open the customer's connected-apps page",
  description: [
    "A link to the bank-hosted connected-apps page of the app's sandbox (UK Open Banking's access dashboard): a test customer logs in there (`user_<persona>` / `pass_<persona>`), sees every app's access across /v1 and the standards, and withdraws any (`revoked_by: customer`).",
    "",
    "Signed for this app's sandbox only and valid for 10 minutes (it lets whoever holds it sign in as the sandbox's test customers); nothing is stored.",
  ].join("\n"),
  access: { app: "app:update" },
  params: appParams,
  success: {
    status: 200,
    description: "The signed link.",
    schema: z.object({
      url: text(500).describe("Open it in a browser: `{PORTAL_URL}/oauth/connected-apps?tenant=…&exp=…&sig=…`."),
      expires_at: timestamp.describe("When the link stops opening the page."),
    }),
  },
});

export const consentOperations = [
  listAppConsentsOperation,
  revokeAppConsentOperation,
  mintSandboxConsentOperation,
  createConnectedAppsLinkOperation,
];
