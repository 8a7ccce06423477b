import { requireAppAccess } from "@/lib/apps/require-app-access";
import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { rollKeyInput } from "@/lib/keys/key-input";
import { rollKey } from "@/lib/keys/roll-key";

/**
 * POST {overlap_seconds, name?} → 201 {key, secret, old_key}: a new key now; the old one
 * works until old_key.expires_at, then answers 401 expired_api_key.
 */
export const POST = withUser<{ appId: string; keyId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:roll" });
  const input = await readJson(request, rollKeyInput);
  const rolled = await rollKey({ appId, teamId, keyId: params.keyId, overlapSeconds: input.overlap_seconds, name: input.name, actor: auditActor(user, request) });
  return Response.json(rolled, { status: 201, headers: { "cache-control": "no-store" } });
});
