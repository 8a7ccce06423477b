import { removePasskey, renamePasskey } from "@/lib/passkeys/manage-passkeys";
import { deletePasskeyOperation, renamePasskeyOperation } from "@/lib/passkeys/passkey-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const PATCH = handle(renamePasskeyOperation, ({ actor, params, body }) =>
  renamePasskey({ actor, passkeyId: params.passkeyId, name: body.name }),
);

export const DELETE = handle(deletePasskeyOperation, async ({ actor, params }) => {
  await removePasskey({ actor, passkeyId: params.passkeyId });
});
