import { getApp } from "@/lib/apps/get-app";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser<{ appId: string }>(async ({ user, params }) =>
  Response.json(await getApp({ appId: params.appId, userId: user.id })),
);
