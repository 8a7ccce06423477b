import { createKeyInput } from "@/lib/apps/app-input";
import { requireAppAccess } from "@/lib/apps/require-app-access";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createKey } from "@/lib/keys/create-key";
import { listKeys } from "@/lib/keys/list-keys";

export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json({ data: await listKeys({ appId }) });
});

export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:create" });
  const { name } = await readJson(request, createKeyInput);
  const created = await createKey({ appId, name, createdById: user.id });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
