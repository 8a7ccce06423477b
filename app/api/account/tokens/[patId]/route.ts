import { handle } from "@/lib/portal-api/handle-operation";
import { revokeToken } from "@/lib/tokens/manage-tokens";
import { revokeTokenOperation } from "@/lib/tokens/token-operations";

export const DELETE = handle(revokeTokenOperation, ({ actor, params }) => revokeToken({ actor, tokenId: params.patId }));
