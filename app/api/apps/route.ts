import { createAppOperation, listAppsOperation } from "@/lib/apps/app-operations";
import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/list-apps";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listAppsOperation, async ({ user, query, token }) => {
  const teamId = query.team_id || undefined;
  // A token limited to one team lists that team's apps only; another team is one it is not in.
  if (token?.teamId && teamId && teamId !== token.teamId) return { data: [] };
  return { data: await listApps({ userId: user.id, teamId: token?.teamId ?? teamId }) };
});

export const POST = handle(createAppOperation, ({ body, actor }) => createApp({ actor, input: body }));
