import { requireAppAccess } from "@/lib/apps/require-app-access";
import { auditActor } from "@/lib/audit/audit-actor";
import { withUser } from "@/lib/http/with-user";
import { revokeKey } from "@/lib/keys/revoke-key";

/** Revokes the key at once; the next gateway call with it is refused. */
export const DELETE = withUser<{ appId: string; keyId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:revoke" });
  return Response.json(await revokeKey({ appId, teamId, keyId: params.keyId, actor: auditActor(user, request) }));
});
