import fp from "fastify-plugin";
import { createAuthorizationServer, type AuthorizationServer } from "../../domain/oauth/provider";
import { tenantNow } from "../../domain/tenants/tenant-now";

declare module "fastify" {
  interface FastifyInstance {
    /** The authorization server (oidc-provider): its routes, and the resource checks of /v1. */
    authorizationServer: AuthorizationServer;
  }
}

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
  },
  { name: "authorization-server", dependencies: ["store", "tenants"] },
);
