import type { IncomingMessage } from "node:http";
import type { PrismaClient } from "@prisma/client";
import Fastify, { LogController, type FastifyRequest, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { newId } from "@openbank/contracts/ids";
import { maskUrlSecrets } from "@openbank/contracts/url-secrets";
import type { BankEnv } from "./env";
import swagger from "./plugins/external/swagger";
import standardsOpenapi from "./plugins/external/standards-openapi";
import problemErrors, { frameworkErrors } from "./plugins/app/problem-errors";
import privateResponses from "./plugins/app/private-responses";
import internalAuth from "./plugins/app/internal-auth";
import store from "./plugins/app/store";
import tenants from "./plugins/app/tenants";
import liveActivity from "./plugins/app/live-activity";
import scenarios, { type Sleep } from "./plugins/app/scenarios";
import consentAccess from "./plugins/app/consent-access";
import authorizationServer from "./plugins/app/authorization-server";
import idempotency from "./plugins/app/idempotency";
import standardAccess from "./plugins/app/standard-access";
import messageSigning from "./plugins/app/message-signing";
import health from "./routes/health";
import openapi from "./routes/openapi";
import sandboxReference from "./routes/sandbox-reference";
import v1 from "./routes/v1/index";
import internalEvents from "./routes/internal/events";
import oauth from "./routes/oauth";
import connectedApps from "./routes/connected-apps";
import openBanking from "./routes/open-banking/index";
import berlinGroup from "./routes/berlin-group/index";
import berlinGroupScaPages from "./routes/berlin-group/sca-pages";

export type BuildAppOptions = {
  env: BankEnv;
  /** false: silent (tests). A stream: JSON log lines go there. Default: stdout. */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** Use this client instead of opening BANK_DATABASE_URL (the caller closes it). */
  db?: PrismaClient;
  /** The real clock; tests pin it. */
  now?: () => Date;
  /** How `Sandbox-Scenario: latency=…` waits; tests record instead of waiting. */
  sleep?: Sleep;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The gateway's request id when it sent a sane one, else a new `req_…`. */
function requestId(raw: IncomingMessage): string {
  const header = raw.headers["x-request-id"];
  return typeof header === "string" && REQUEST_ID.test(header) ? header : newId("request");
}

const CENSOR = "[redacted]";

function loggerOptions(env: BankEnv, logger: BuildAppOptions["logger"]): FastifyServerOptions["logger"] {
  if (logger === false) return false;
  return {
    level: env.LOG_LEVEL,
    ...(typeof logger === "object" ? { stream: logger.stream } : {}),
    // Headers are logged (tenant, app, request id help debugging); credentials never are.
    serializers: {
      // A URL's secret query values (a connected-apps link's signature, OAuth's codes and states) are masked too.
      req: (request: FastifyRequest) => ({ method: request.method, url: maskUrlSecrets(request.url, CENSOR), headers: request.headers }),
    },
    redact: {
      paths: [
        'req.headers["x-internal-secret"]',
        'req.headers["x-consent-token"]',
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        'headers["x-internal-secret"]',
        'headers["x-consent-token"]',
        "headers.authorization",
        "headers.cookie",
      ],
      censor: CENSOR,
    },
  };
}

/**
 * The mock bank, ready to `listen` or to `inject` in tests. Order as in fastify/demo:
 * external plugins → app plugins → routes.
 */
export async function buildApp(options: BuildAppOptions) {
  const { env } = options;
  const app = Fastify({
    logger: loggerOptions(env, options.logger),
    genReqId: requestId,
    frameworkErrors: frameworkErrors(env.PORTAL_URL),
    // Health checks and the webhook dispatcher's outbox polling (every second) would drown the log.
    logController: new LogController({
      requestIdLogLabel: "request_id",
      disableRequestLogging: (request) => request.url === "/health" || request.url.startsWith("/internal/events/"),
    }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, { portalUrl: env.PORTAL_URL });
  await app.register(standardsOpenapi, { portalUrl: env.PORTAL_URL });

  await app.register(problemErrors, { docsBaseUrl: env.PORTAL_URL });
  await app.register(privateResponses);
  await app.register(internalAuth, { secret: env.BANK_INTERNAL_SECRET });
  await app.register(store, { databaseUrl: env.BANK_DATABASE_URL, db: options.db, idempotencyLeaseMs: env.BANK_IDEMPOTENCY_LEASE_MS });
  await app.register(tenants, { secret: env.BANK_INTERNAL_SECRET, now: options.now, cacheTenants: env.BANK_TENANT_CACHE });
  await app.register(scenarios, { sleep: options.sleep });
  await app.register(liveActivity, { intervalMs: env.BANK_LIVE_ACTIVITY_INTERVAL_MS });
  await app.register(authorizationServer, { portalUrl: env.PORTAL_URL, secret: env.BANK_INTERNAL_SECRET });
  await app.register(consentAccess);
  await app.register(idempotency);
  await app.register(standardAccess);
  await app.register(messageSigning, { secret: env.BANK_INTERNAL_SECRET, portalUrl: env.PORTAL_URL });

  await app.register(health);
  await app.register(openapi);
  await app.register(sandboxReference);
  await app.register(v1, {
    prefix: "/v1",
    snapshots: { limits: { maxCount: env.BANK_SNAPSHOT_LIMIT, maxBytes: env.BANK_SNAPSHOT_MAX_BYTES } },
  });
  await app.register(openBanking, { prefix: "/open-banking/v4.0", portalUrl: env.PORTAL_URL });
  await app.register(berlinGroup, { prefix: "/berlin-group/v1", portalUrl: env.PORTAL_URL });
  await app.register(internalEvents, { prefix: "/internal" });
  await app.register(oauth, { portalUrl: env.PORTAL_URL, secret: env.BANK_INTERNAL_SECRET });
  await app.register(berlinGroupScaPages, { portalUrl: env.PORTAL_URL, secret: env.BANK_INTERNAL_SECRET });
  await app.register(connectedApps, { portalUrl: env.PORTAL_URL, secret: env.BANK_INTERNAL_SECRET });
  return app;
}

export type BankApp = Awaited<ReturnType<typeof buildApp>>;
