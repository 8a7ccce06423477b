import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { getOnboardingProgress } from "@/lib/onboarding/get-onboarding-progress";

/** The app's onboarding checklist, ticked from its real sandbox traffic. */
export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json(await getOnboardingProgress({ appId }), { headers: { "cache-control": "no-store" } });
});
