import type { FastifyPluginAsync } from "fastify";
import accounts from "./accounts";
import customers from "./customers";
import transactions from "./transactions";
import payments from "./payments";
import fx from "./fx";
import loans from "./loans";
import bnpl from "./bnpl";
import sandbox from "./sandbox";
import sandboxSettings from "./sandbox-settings";
import sandboxBerlinGroup from "./sandbox-berlin-group";
import sandboxCustomers from "./sandbox-customers";
import sandboxSnapshots, { type SandboxSnapshotsOptions } from "./sandbox-snapshots";
import products from "./products";
import investments from "./investments";
import insurance from "./insurance";
import rewards from "./rewards";
import consents from "./consents";

/** Sandbox resources: every route here runs for one tenant, named by the gateway. */
const v1: FastifyPluginAsync<{ snapshots?: SandboxSnapshotsOptions }> = async (app, options) => {
  app.addHook("onRequest", app.requireTenantHeader);
  app.addHook("onRequest", app.applySandboxScenario);
  // After validation, so a malformed request never seeds a tenant.
  app.addHook("preHandler", app.loadTenant);
  // Then a consent access token (if the gateway sent one) is checked against the route.
  app.addHook("preHandler", app.authorizeConsent);
  await app.register(customers);
  await app.register(accounts);
  await app.register(transactions);
  await app.register(payments);
  await app.register(fx);
  await app.register(products);
  await app.register(investments);
  await app.register(insurance);
  await app.register(rewards);
  await app.register(loans);
  await app.register(bnpl);
  await app.register(consents);
  await app.register(sandbox);
  await app.register(sandboxSettings);
  await app.register(sandboxBerlinGroup);
  await app.register(sandboxCustomers);
  await app.register(sandboxSnapshots, options.snapshots ?? {});
};

export default v1;
