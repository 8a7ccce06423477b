import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { resourceId } from "@/lib/portal-api/schemas";

export const unlinkSsoIdentityOperation = defineOperation({
  method: "DELETE",
  path: "/api/account/sso/{identityId}",
  operationId: "unlinkSsoIdentity",
  stepUp: true,
  tag: "Account",
  summary: "Unlink single sign-on",
  description:
    "Removes a single sign-on link from your account (listed in `GET /api/account` as `sso[]`). Refused while it is the only way " +
    "you sign in (set a password or add a passkey first), or while a team of yours requires single sign-on of you.",
  access: "session",
  params: z.object({ identityId: resourceId.describe("The link's id (`sso_…`)") }),
  errors: ["resource_not_found", "conflict"],
  success: { status: 204, description: "Unlinked." },
});

export const ssoOperations = [unlinkSsoIdentityOperation];
