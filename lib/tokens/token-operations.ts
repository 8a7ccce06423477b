import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { list, resourceId, text } from "@/lib/portal-api/schemas";
import { createTokenInput } from "./manage-tokens";
import { tokenDto } from "./token-dto";
import { whoamiDto } from "./whoami";

const tokenParams = z.object({ patId: resourceId.describe("The token's id (`tkn_…`)") });

export const listTokensOperation = defineOperation({
  method: "GET",
  path: "/api/account/tokens",
  operationId: "listTokens",
  tag: "Account",
  summary: "List your access tokens",
  description: "Working tokens first, newest first, then expired and revoked ones. Never includes a token or its hash.",
  access: "session",
  success: { status: 200, description: "Your personal access tokens.", schema: list(tokenDto, 200) },
});

export const createTokenOperation = defineOperation({
  method: "POST",
  path: "/api/account/tokens",
  operationId: "createToken",
  stepUp: true,
  tag: "Account",
  summary: "Create an access token",
  description:
    "A personal access token (`pat_…`) for the portal API, for the CLI and CI: `read` calls GET operations only, `write` any " +
    "operation that accepts tokens; limited to one of your teams or not; it expires after 7, 30, 90 or 365 days. " +
    "The token is in this response only: only its HMAC is stored.",
  access: "session",
  body: createTokenInput,
  errors: ["conflict"],
  success: {
    status: 201,
    description: "The token's details, and the token itself (as a new key and its secret are).",
    schema: z.object({
      token: tokenDto,
      secret: text(100).describe("The token itself (`pat_…`). Shown once: only its HMAC is stored."),
    }),
  },
});

export const revokeTokenOperation = defineOperation({
  method: "DELETE",
  path: "/api/account/tokens/{patId}",
  operationId: "revokeToken",
  tag: "Account",
  summary: "Revoke an access token",
  description: "At once: the next call with it answers 401. Revoking a revoked token changes nothing.",
  access: "session",
  params: tokenParams,
  success: { status: 204, description: "The token no longer works." },
});

export const whoamiOperation = defineOperation({
  method: "GET",
  path: "/api/whoami",
  operationId: "whoami",
  tag: "Account",
  summary: "Who am I",
  description:
    "The signed-in developer, and how the request was authenticated: with a personal access token, that token's id, prefix, " +
    "scope, team and expiry (any scope may ask). `openbank whoami` prints it.",
  access: "session",
  tokens: true,
  success: { status: 200, description: "You, and the token of this request if it has one.", schema: whoamiDto },
});

export const revokeCurrentTokenOperation = defineOperation({
  method: "DELETE",
  path: "/api/tokens/current",
  operationId: "revokeCurrentToken",
  tag: "Account",
  summary: "Revoke the token of this request",
  description:
    "A personal access token revokes itself (`openbank logout`), whatever its scope: the next call with it answers 401. " +
    "Audited as `account.token_revoked`. A request made with a browser session has no token to revoke: 404.",
  access: "session",
  tokens: true,
  tokenScope: "read",
  errors: ["resource_not_found"],
  success: { status: 204, description: "The token no longer works." },
});

export const tokenOperations = [
  listTokensOperation,
  createTokenOperation,
  revokeTokenOperation,
  whoamiOperation,
  revokeCurrentTokenOperation,
];
