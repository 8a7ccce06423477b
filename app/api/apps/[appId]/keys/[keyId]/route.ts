import { revokeKeyOperation } from "@/lib/keys/key-operations";
import { revokeKey } from "@/lib/keys/revoke-key";
import { handle } from "@/lib/portal-api/handle-operation";

export const DELETE = handle(revokeKeyOperation, ({ app, params, actor }) => revokeKey({ ...app, keyId: params.keyId, actor }));
