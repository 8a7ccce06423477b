import { handle } from "@/lib/portal-api/handle-operation";
import { createToken, listTokens } from "@/lib/tokens/manage-tokens";
import { createTokenOperation, listTokensOperation } from "@/lib/tokens/token-operations";

export const GET = handle(listTokensOperation, async ({ user }) => ({ data: await listTokens(user.id) }));

export const POST = handle(createTokenOperation, ({ actor, body }) => createToken({ actor, input: body }));
