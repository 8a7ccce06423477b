import { rollKeyOperation } from "@/lib/keys/key-operations";
import { rollKey } from "@/lib/keys/roll-key";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(rollKeyOperation, ({ app, params, body, actor }) =>
  rollKey({ ...app, keyId: params.keyId, overlapSeconds: body.overlap_seconds, name: body.name, actor }),
);
