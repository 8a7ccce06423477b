import { requireAppAccess } from "@/lib/apps/require-app-access";
import { mintSandboxConsent, mintSandboxConsentInput } from "@/lib/consents/mint-sandbox-consent";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

// The interactive docs' "Authorise as persona": a consent token for Try-it-out.
export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:use" });
  const input = await readJson(request, mintSandboxConsentInput);
  return Response.json(await mintSandboxConsent({ appId, input }), { status: 201, headers: { "cache-control": "no-store" } });
});
