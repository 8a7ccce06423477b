import { messageSigningKey } from "@openbank/contracts/message-signing-key";
import { env } from "../../env";

/** The bank's message-signing key as `GET /directory/bank/jwks.json` publishes it: the public half only. */
export function bankSigningJwks(internalSecret: string = env().BANK_INTERNAL_SECRET) {
  return { keys: [messageSigningKey(internalSecret).publicJwk] };
}
