import { listPasskeys } from "@/lib/passkeys/manage-passkeys";
import { listPasskeysOperation, registerPasskeyOperation } from "@/lib/passkeys/passkey-operations";
import { registerPasskey } from "@/lib/passkeys/registration";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listPasskeysOperation, async ({ user }) => ({ data: await listPasskeys(user.id) }));

export const POST = handle(registerPasskeyOperation, ({ actor, body }) =>
  registerPasskey({ actor, challengeId: body.challenge_id, response: body.response, name: body.name }),
);
