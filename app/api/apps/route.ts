import { createAppOperation, listAppsOperation } from "@/lib/apps/app-operations";
import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/list-apps";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listAppsOperation, async ({ user, query }) => ({
  data: await listApps({ userId: user.id, teamId: query.team_id || undefined }),
}));

export const POST = handle(createAppOperation, ({ body, actor }) => createApp({ actor, input: body }));
