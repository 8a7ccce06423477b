import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, list, resourceId } from "@/lib/portal-api/schemas";
import { consentDto, sandboxConsentTokensDto } from "./consent-dto";
import { mintSandboxConsentInput } from "./mint-sandbox-consent";

export const listAppConsentsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/consents",
  operationId: "listAppConsents",
  tag: "Consents",
  summary: "List the app's consents",
  description: "The newest 50, from the sandbox bank (the consents' one home).",
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
  description: "At the bank: its tokens stop working at once.",
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

export const consentOperations = [listAppConsentsOperation, revokeAppConsentOperation, mintSandboxConsentOperation];
