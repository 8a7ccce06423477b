import { createApp } from "@/lib/apps/create-app";
import { createAppInput } from "@/lib/apps/app-input";
import { listApps } from "@/lib/apps/list-apps";
import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser(async ({ request, user }) => {
  const teamId = new URL(request.url).searchParams.get("team_id") ?? undefined;
  return Response.json({ data: await listApps({ userId: user.id, teamId }) });
});

export const POST = withUser(async ({ request, user }) => {
  const input = await readJson(request, createAppInput);
  const created = await createApp({ actor: auditActor(user, request), input });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
