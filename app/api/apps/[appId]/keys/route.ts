import { createKey } from "@/lib/keys/create-key";
import { createKeyOperation, listKeysOperation } from "@/lib/keys/key-operations";
import { listKeys } from "@/lib/keys/list-keys";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listKeysOperation, async ({ app }) => ({ data: await listKeys({ appId: app.appId }) }));

export const POST = handle(createKeyOperation, ({ app, body, actor }) =>
  createKey({
    ...app,
    name: body.name,
    scope: body.scope,
    expiresAt: body.expires_at ? new Date(body.expires_at) : null,
    actor,
  }),
);
