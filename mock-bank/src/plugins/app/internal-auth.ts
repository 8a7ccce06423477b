import { createHash, timingSafeEqual } from "node:crypto";
import fp from "fastify-plugin";
import { AppError } from "@openbank/contracts/errors";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Served without the internal secret (health, OpenAPI document). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The calling app, as the gateway says (`x-app-id`); null when absent. */
    appId: string | null;
  }
}

const APP_ID = /^[A-Za-z0-9_]{1,64}$/;

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * The trust boundary: only the portal's gateway, which holds BANK_INTERNAL_SECRET, may call
 * anything but the public routes, unknown routes included (so nobody can probe the bank).
 * Secrets are compared as SHA-256 digests with timingSafeEqual: constant time, any length.
 */
export default fp(
  async function internalAuth(app, options: { secret: string }) {
    const expected = digest(options.secret);
    app.decorateRequest("appId", null);

    app.addHook("onRequest", async (request) => {
      if (request.routeOptions.config?.public === true) return;
      const given = request.headers["x-internal-secret"];
      if (typeof given !== "string" || !timingSafeEqual(digest(given), expected)) {
        throw new AppError("internal_auth_failed", "Call the sandbox through the portal's gateway.");
      }
      const appId = request.headers["x-app-id"];
      request.appId = typeof appId === "string" && APP_ID.test(appId) ? appId : null;
    });
  },
  { name: "internal-auth", dependencies: ["problem-errors"] },
);
