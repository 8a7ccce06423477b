import { bankSigningJwks } from "@/lib/gateway/message-signing/bank-jwks";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * The sandbox bank's UK Open Banking message-signing key (JWK Set): TPPs verify the
 * `x-jws-signature` of payment answers with it (`kid` in the signature's header). It changes only
 * with BANK_INTERNAL_SECRET, so caches may keep it for an hour.
 */
export const GET = withErrors(async () =>
  Response.json(bankSigningJwks(), {
    headers: {
      "content-type": "application/jwk-set+json",
      "cache-control": "public, max-age=3600",
      "access-control-allow-origin": "*",
    },
  }),
);
