import { createApp } from "@/lib/apps/create-app";
import { createAppInput } from "@/lib/apps/app-input";
import { listApps } from "@/lib/apps/list-apps";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser(async ({ user }) => Response.json({ data: await listApps({ userId: user.id }) }));

export const POST = withUser(async ({ request, user }) => {
  const input = await readJson(request, createAppInput);
  const created = await createApp({ userId: user.id, input });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
