import { handle } from "@/lib/portal-api/handle-operation";
import { whoamiOperation } from "@/lib/tokens/token-operations";
import { whoami } from "@/lib/tokens/whoami";

export const GET = handle(whoamiOperation, ({ user, token }) => whoami({ user, tokenId: token?.id ?? null }));
