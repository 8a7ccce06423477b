import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { revokeKey } from "@/lib/keys/revoke-key";

/** Revokes the key at once; the next gateway call with it is refused. */
export const DELETE = withUser<{ appId: string; keyId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:revoke" });
  return Response.json(await revokeKey({ appId, keyId: params.keyId }));
});
