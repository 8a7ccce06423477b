import { suspendInput } from "@/lib/admin/admin-input";
import { assertPlatformAdmin } from "@/lib/admin/require-platform-admin";
import { setAppSuspension } from "@/lib/admin/set-app-suspension";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { auditActor } from "@/lib/audit/audit-actor";

/** Platform admins only: the app's keys stop working on the next call (403 app_suspended). */
export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  await assertPlatformAdmin(user);
  const { reason } = await readJson(request, suspendInput);
  return Response.json(await setAppSuspension({ appId: params.appId, actor: auditActor(user, request), suspend: true, reason }), { headers: { "cache-control": "no-store" } });
});
