import { handle } from "@/lib/portal-api/handle-operation";
import { revokeToken } from "@/lib/tokens/manage-tokens";
import { revokeCurrentTokenOperation } from "@/lib/tokens/token-operations";
import { currentTokenId } from "@/lib/tokens/whoami";

export const DELETE = handle(revokeCurrentTokenOperation, ({ actor, token }) =>
  revokeToken({ actor, tokenId: currentTokenId(token), via: "self" }),
);
