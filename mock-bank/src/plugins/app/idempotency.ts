import type { FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "@openbank/contracts/errors";
import type { IdempotencyClaim } from "../../domain/idempotency/create-once";
import {
  completeIdempotencyKey,
  releaseIdempotencyKey,
  requestHash,
  reserveIdempotencyKey,
} from "../../domain/idempotency/idempotency-store";

/**
 * A route's idempotency contract spelled out: the standards name the header differently (UK Open
 * Banking: `x-idempotency-key`) and promise "same key, same answer" even while the first request runs.
 */
export type IdempotencyRule = {
  mode: "required" | "optional";
  /** The request header carrying the key (lower case). Default `idempotency-key`. */
  header?: string;
  /** Keys live under this prefix, apart from /v1's (one table per tenant holds every surface's keys). */
  namespace?: string;
  /**
   * A request whose key is still in flight waits up to this long for the first request's answer and
   * replays it, instead of answering 409 idempotency_key_in_flight at once.
   */
  awaitInFlightMs?: number;
  /** The longest key accepted (UK Open Banking: 40); keys with white space at either end are refused too. */
  maxLength?: number;
};

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route honours the Idempotency-Key contract: `required` answers 400
     * idempotency_key_required without the header; `optional` applies it when sent. A rule object
     * names another header, a key namespace, or a wait for an in-flight key (IdempotencyRule).
     */
    idempotency?: "required" | "optional" | IdempotencyRule;
  }
  interface FastifyRequest {
    /** The key this request holds (and what a crashed attempt left behind); null without a key. */
    idempotency: IdempotencyClaim | null;
  }
}

/** Headers a replay repeats (the rest belong to the new request: request id, rate limits). */
const REPLAYED_HEADERS = ["content-type", "location"];

const DEFAULT_HEADER = "idempotency-key";
/** How often a request waiting for an in-flight key looks again. */
const IN_FLIGHT_POLL_MS = 25;

function ruleOf(request: FastifyRequest): IdempotencyRule {
  const rule = request.routeOptions.config?.idempotency;
  return typeof rule === "object" ? rule : { mode: rule ?? "optional" };
}

function keyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[ruleOf(request).header ?? DEFAULT_HEADER];
  return typeof value === "string" ? value : undefined;
}

/** The store's refusals name the header the route reads. */
function forHeader(error: unknown, header: string): unknown {
  if (header === DEFAULT_HEADER || !(error instanceof AppError) || error.code !== "idempotency_key_reused") return error;
  return new AppError("idempotency_key_reused", error.message.replace("Idempotency-Key", header), {
    errors: [{ pointer: `/headers/${header}`, detail: "already used for a different request" }],
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Hook = onRequestHookHandler | onRequestHookHandler[] | undefined;
const append = <T>(existing: T | T[] | undefined, hook: T): T[] => [
  ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
  hook,
];

/**
 * The Idempotency-Key contract, declared per route with `config: { idempotency: "required" }`:
 * a missing key is refused before body validation; after the tenant is loaded the key is
 * reserved (or the stored response replayed, or 409/422); the exact response bytes are stored
 * when it is sent; a 5xx gives the key back so a retry runs again.
 */
export default fp(
  async function idempotency(app) {
    app.decorateRequest("idempotency", null);
    // Requests that reserved a key and have not stored or released it yet.
    const settled = new WeakSet<FastifyRequest>();

    async function requireKey(request: FastifyRequest) {
      const given = keyOf(request);
      const { maxLength } = ruleOf(request);
      const header = ruleOf(request).header ?? DEFAULT_HEADER;
      if (given !== undefined && maxLength !== undefined && (given.length === 0 || given.length > maxLength || given.trim() !== given)) {
        const detail = `must be 1-${maxLength} characters without leading or trailing white space`;
        throw new AppError("validation_failed", `${header}: ${detail}`, { errors: [{ pointer: `/headers/${header}`, detail }] });
      }
      if (given !== undefined) return;
      const name = header === DEFAULT_HEADER ? "an Idempotency-Key" : `an ${header}`;
      throw new AppError(
        "idempotency_key_required",
        `Send ${name} header (e.g. a UUID) with every request that creates something or moves money.`,
        {
          errors: [{ pointer: `/headers/${header}`, detail: "is required" }],
        },
      );
    }

    async function reserve(request: FastifyRequest, reply: FastifyReply) {
      const key = keyOf(request);
      if (key === undefined) return;
      const rule = ruleOf(request);
      const hash = requestHash(request.method, request.url.split("?")[0], request.body);
      const take = () =>
        reserveIdempotencyKey({
          db: app.db,
          tenantId: request.tenantId,
          key: rule.namespace ? `${rule.namespace}:${key}` : key,
          hash,
          now: app.now(),
          leaseMs: app.idempotencyLeaseMs,
        });
      const waitUntil = Date.now() + (rule.awaitInFlightMs ?? 0);
      let reservation: Awaited<ReturnType<typeof take>>;
      for (;;) {
        try {
          reservation = await take();
          break;
        } catch (error) {
          const inFlight = error instanceof AppError && error.code === "idempotency_key_in_flight";
          if (!inFlight || Date.now() >= waitUntil) throw forHeader(error, rule.header ?? DEFAULT_HEADER);
          await pause(IN_FLIGHT_POLL_MS);
        }
      }
      if (reservation.kind === "replay") {
        const { status, headers, body } = reservation.response;
        return reply.code(status).headers(headers).header("idempotent-replayed", "true").send(body);
      }
      request.idempotency = { id: reservation.id, recoveredResourceId: reservation.kind === "recovered" ? reservation.resourceId : null };
    }

    async function store(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const claim = request.idempotency;
      if (!claim || settled.has(request)) return payload;
      settled.add(request);
      if (reply.statusCode >= 500 || typeof payload !== "string") {
        await releaseIdempotencyKey(app.db, claim.id);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      try {
        await completeIdempotencyKey(app.db, claim.id, { status: reply.statusCode, headers, body: payload });
      } catch (error) {
        // The response still goes out; the key stays in flight until its lease ends, then a retry recovers the resource.
        request.log.error({ err: error }, "could not store the idempotent response");
      }
      return payload;
    }

    async function releaseUnsent(request: FastifyRequest) {
      if (request.idempotency && !settled.has(request)) await releaseIdempotencyKey(app.db, request.idempotency.id);
    }

    // Route-level hooks run after the app's own (tenant loaded, consent checked): the order the contract needs.
    app.addHook("onRoute", (route: RouteOptions) => {
      const rule = route.config?.idempotency;
      if (!rule) return;
      const mode = typeof rule === "object" ? rule.mode : rule;
      if (mode === "required") route.preValidation = append(route.preValidation as Hook, requireKey);
      route.preHandler = append(route.preHandler, reserve);
      route.onSend = append(route.onSend, store);
      route.onResponse = append(route.onResponse, releaseUnsent);
    });
  },
  { name: "idempotency", dependencies: ["store", "tenants"] },
);
