import { withUser } from "@/lib/http/with-user";
import { listUsableKeys } from "@/lib/keys/list-usable-keys";

/** The docs' key picker: every active key the signed-in developer may call with. */
export const GET = withUser(async ({ user }) =>
  Response.json({ data: await listUsableKeys({ userId: user.id }) }, { headers: { "cache-control": "no-store" } }),
);
