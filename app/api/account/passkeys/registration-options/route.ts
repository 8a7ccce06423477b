import { passkeyRegistrationOptionsOperation } from "@/lib/passkeys/passkey-operations";
import { passkeyRegistrationOptions } from "@/lib/passkeys/registration";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(passkeyRegistrationOptionsOperation, ({ user }) => passkeyRegistrationOptions(user));
