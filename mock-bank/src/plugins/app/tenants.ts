import fp from "fastify-plugin";
import { AppError } from "@openbank/contracts/errors";
import { createEnsureTenant, type EnsureTenant, type Tenant } from "../../domain/tenants/ensure-tenant";
import { createCursorCodec, type CursorCodec } from "../../domain/pagination/cursor-codec";

declare module "fastify" {
  interface FastifyInstance {
    ensureTenant: EnsureTenant;
    cursors: CursorCodec;
    /** The real clock; a tenant's clock adds its offset (see tenantNow). */
    now: () => Date;
    /** onRequest hook for sandbox routes: reads and checks `x-tenant-id`. */
    requireTenantHeader: (request: import("fastify").FastifyRequest) => Promise<void>;
    /** preHandler hook for sandbox routes: loads (or seeds) the tenant. */
    loadTenant: (request: import("fastify").FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    tenantId: string;
    tenant: Tenant | null;
  }
}

const TENANT_ID = /^[A-Za-z0-9_]{1,64}$/;

export default fp(
  async function tenants(app, options: { secret: string; now?: () => Date; cacheTenants?: boolean }) {
    const now = options.now ?? (() => new Date());
    app.decorate("now", now);
    app.decorate("ensureTenant", createEnsureTenant({ db: app.db, now, cache: options.cacheTenants }));
    app.decorate("cursors", createCursorCodec(options.secret));
    app.decorateRequest("tenantId", "");
    app.decorateRequest("tenant", null);

    app.decorate("requireTenantHeader", async (request) => {
      const tenantId = request.headers["x-tenant-id"];
      if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) {
        throw new AppError("validation_failed", "x-tenant-id: must be 1-64 letters, digits or underscores", {
          errors: [{ pointer: "/headers/x-tenant-id", detail: "must be 1-64 letters, digits or underscores" }],
        });
      }
      request.tenantId = tenantId;
      request.log = request.log.child({ tenant_id: tenantId, app_id: request.appId });
    });

    app.decorate("loadTenant", async (request) => {
      request.tenant = await app.ensureTenant(request.tenantId);
    });
  },
  { name: "tenants", dependencies: ["store", "internal-auth"] },
);
