import { goLiveDecisionInput } from "@/lib/admin/admin-input";
import { assertPlatformAdmin } from "@/lib/admin/require-platform-admin";
import { decideGoLiveRequest } from "@/lib/go-live/decide-go-live-request";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { auditActor } from "@/lib/audit/audit-actor";

/** Platform admins only: approve or reject a pending go-live request (a rejection needs a note). */
export const POST = withUser<{ requestId: string }>(async ({ request, user, params }) => {
  await assertPlatformAdmin(user);
  const input = await readJson(request, goLiveDecisionInput);
  return Response.json(await decideGoLiveRequest({ requestId: params.requestId, actor: auditActor(user, request), ...input }), { headers: { "cache-control": "no-store" } });
});
