import { requireAppAccess } from "@/lib/apps/require-app-access";
import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createKey } from "@/lib/keys/create-key";
import { createKeyInput } from "@/lib/keys/key-input";
import { listKeys } from "@/lib/keys/list-keys";

export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json({ data: await listKeys({ appId }) });
});

/** POST {name, scope?, expires_at?} → 201 {key, secret}: the secret is in this response only. */
export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:create" });
  const input = await readJson(request, createKeyInput);
  const created = await createKey({
    appId,
    teamId,
    name: input.name,
    scope: input.scope,
    expiresAt: input.expires_at ? new Date(input.expires_at) : null,
    actor: auditActor(user, request),
  });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
