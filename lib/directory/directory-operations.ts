import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, list, text, timestamp } from "@/lib/portal-api/schemas";
import { registeredClientDto } from "./registered-client-dto";

export const issueSoftwareStatementOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/software-statement",
  operationId: "issueSoftwareStatement",
  tag: "OAuth client",
  summary: "Get a software statement for dynamic client registration",
  description: [
    "The portal is the sandbox's directory: it signs a software statement for the app, to send as `software_statement` to the bank's `/register` (RFC 7591).",
    "",
    "A JWT signed with the directory key (header `alg` `EdDSA`, `typ` `JWT`, `kid`), verifiable with the keys at `/directory/jwks.json`. Claims:",
    "",
    "- `iss`: the portal's origin + `/directory`; `iat`; `exp` (30 days later); `jti` (new on every call);",
    "- `software_id`: the app's id; `software_client_name`: its name; `software_redirect_uris`: its redirect URIs;",
    "- `software_jwks` (the app's pasted JWKS) or `software_jwks_uri`, when the app has keys;",
    '- `software_roles`: `["AISP", "PISP"]`;',
    "- `software_token_endpoint_auth_method`: the app's client authentication method;",
    "- `org_id`: the app's team id.",
    "",
    "Nothing is stored; each call issues a new statement from the app's current settings.",
  ].join("\n"),
  access: { app: "app:update" },
  params: appParams,
  success: {
    status: 200,
    description: "The signed statement.",
    schema: z.object({
      software_statement: text(20_000).describe("The JWT (compact serialisation)."),
      expires_at: timestamp.describe("When banks stop accepting it (`exp`)."),
    }),
  },
});

export const listRegisteredClientsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/registered-clients",
  operationId: "listRegisteredClients",
  tag: "OAuth client",
  summary: "List the clients registered with the app's software statement",
  description: [
    "The clients that registered themselves at `/oauth/register` (RFC 7591) with a software statement of this app, newest first (at most 100), from the sandbox bank (their one home).",
    "",
    "Not the app's own client (`GET /api/apps/{appId}/oauth-client`): each of these has its own `dcr_…` id and manages itself with its `registration_access_token` (RFC 7592).",
  ].join("\n"),
  access: { app: "app:read" },
  params: appParams,
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The registered clients, newest first.", schema: list(registeredClientDto, 100) },
});

export const directoryOperations = [issueSoftwareStatementOperation, listRegisteredClientsOperation];
