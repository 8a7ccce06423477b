import { handle } from "@/lib/portal-api/handle-operation";
import { unlinkSsoIdentityOperation } from "@/lib/sso/sso-operations";
import { unlinkSsoIdentity } from "@/lib/sso/unlink-sso-identity";

export const DELETE = handle(unlinkSsoIdentityOperation, ({ params, actor }) =>
  unlinkSsoIdentity({ actor, identityId: params.identityId }),
);
