import { passkeyAuthenticationOptions } from "@/lib/passkeys/authentication-options";
import { passkeyChallengeOperation } from "@/lib/passkeys/passkey-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(passkeyChallengeOperation, ({ user, body }) =>
  passkeyAuthenticationOptions({ purpose: body.purpose, userId: user?.id }),
);
