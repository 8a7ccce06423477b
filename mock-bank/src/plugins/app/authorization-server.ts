import fp from "fastify-plugin";
import { sweepExpiredRecords } from "../../domain/oauth/oidc-adapter";
import { createAuthorizationServer, type AuthorizationServer } from "../../domain/oauth/provider";
import { deriveSigningKey, type PrivateJwk } from "../../domain/oauth/signing-keys";
import { tenantNow } from "../../domain/tenants/tenant-now";

declare module "fastify" {
  interface FastifyInstance {
    /** The authorization server (oidc-provider): its routes, and the resource checks of /v1. */
    authorizationServer: AuthorizationServer;
    /** The authorization server's ES256 key (published at /oauth/jwks): it also signs the standards' messages (x-jws-signature). */
    bankSigningKey: PrivateJwk;
  }
}

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** One authorization server per app, on the portal's public origin (its issuer). */
export default fp(
  async function authorizationServer(app, options: { portalUrl: string; secret: string }) {
    const issuer = options.portalUrl.replace(/\/$/, "");
    app.decorate(
      "authorizationServer",
      createAuthorizationServer({
        issuer,
        db: app.db,
        secret: options.secret,
        docsBaseUrl: issuer,
        tenantNow: async (tenantId) => tenantNow(await app.ensureTenant(tenantId), app.now()),
      }),
    );
    app.decorate("bankSigningKey", deriveSigningKey(options.secret));
    // Expired codes, tokens, sessions and replay records are never read again; sweep them hourly.
    const sweep = setInterval(() => {
      sweepExpiredRecords(app.db).catch((error: unknown) => app.log.warn({ err: error }, "authorization server sweep failed"));
    }, SWEEP_INTERVAL_MS);
    sweep.unref();
    app.addHook("onClose", async () => clearInterval(sweep));
  },
  { name: "authorization-server", dependencies: ["store", "tenants"] },
);
