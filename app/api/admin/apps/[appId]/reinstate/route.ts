import { assertPlatformAdmin } from "@/lib/admin/require-platform-admin";
import { setAppSuspension } from "@/lib/admin/set-app-suspension";
import { withUser } from "@/lib/http/with-user";
import { auditActor } from "@/lib/audit/audit-actor";

/** Platform admins only: the app's keys work again on the next call. */
export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  await assertPlatformAdmin(user);
  return Response.json(await setAppSuspension({ appId: params.appId, actor: auditActor(user, request), suspend: false }), { headers: { "cache-control": "no-store" } });
});
