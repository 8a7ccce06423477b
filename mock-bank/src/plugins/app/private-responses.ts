import fp from "fastify-plugin";
import { PRIVATE_NO_STORE } from "@openbank/contracts/problem";

/**
 * Every answer of the bank is a tenant's data (accounts, payments, consents, tokens) unless its
 * route says otherwise (the public OpenAPI documents and the sandbox reference set their own
 * `Cache-Control`): an answer without one gets `private, no-store`, set once here rather than
 * route by route. The gateway passes it through.
 */
export default fp(
  async (app) => {
    app.addHook("onSend", async (_request, reply, payload) => {
      if (!reply.hasHeader("cache-control")) reply.header("cache-control", PRIVATE_NO_STORE);
      return payload;
    });
  },
  { name: "private-responses" },
);
