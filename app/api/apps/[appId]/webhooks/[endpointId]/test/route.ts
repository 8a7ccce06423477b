import { requireAppAccess } from "@/lib/apps/require-app-access";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { sendTestEventInput } from "@/lib/webhooks/endpoint-input";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

/** Sends a test event to this endpoint only, now; answers with the delivery and its first attempt. */
export const POST = withUser<{ appId: string; endpointId: string }>(async ({ request, user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "webhook:manage" });
  const { type } = await readJson(request, sendTestEventInput);
  return Response.json(await sendTestEvent({ appId, endpointId: params.endpointId, type }), { status: 201 });
});
