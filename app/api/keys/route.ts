import { listUsableKeysOperation } from "@/lib/keys/key-operations";
import { listUsableKeys } from "@/lib/keys/list-usable-keys";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listUsableKeysOperation, async ({ user }) => ({ data: await listUsableKeys({ userId: user.id }) }));
