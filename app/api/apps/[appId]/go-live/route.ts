import { requireAppAccess } from "@/lib/apps/require-app-access";
import { listAppGoLiveRequests } from "@/lib/go-live/get-go-live-status";
import { goLiveInput } from "@/lib/go-live/go-live-input";
import { submitGoLiveRequest } from "@/lib/go-live/submit-go-live-request";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { auditActor } from "@/lib/audit/audit-actor";

export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json({ data: await listAppGoLiveRequests({ appId }), next_cursor: null }, { headers: { "cache-control": "no-store" } });
});

export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const input = await readJson(request, goLiveInput);
  const created = await submitGoLiveRequest({ appId: params.appId, actor: auditActor(user, request), input });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
