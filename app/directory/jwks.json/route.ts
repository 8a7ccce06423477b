import { directoryJwks } from "@/lib/directory/directory-key";
import { withErrors } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * The sandbox directory's public keys (JWK Set): banks verify software statements with them. The
 * key changes only with NEXTAUTH_SECRET, so caches may keep it for an hour.
 */
export const GET = withErrors(async () =>
  Response.json(await directoryJwks(), {
    headers: {
      "content-type": "application/jwk-set+json",
      "cache-control": "public, max-age=3600",
      "access-control-allow-origin": "*",
    },
  }),
);
