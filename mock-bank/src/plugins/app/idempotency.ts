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

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route honours the Idempotency-Key contract: `required` answers 400
     * idempotency_key_required without the header; `optional` applies it when sent.
     * `x-idempotency-key`: UK Open Banking's form (Read/Write API Profile, Idempotency): the
     * `x-idempotency-key` header, required, at most 40 characters without leading or trailing
     * white space; the same store and replay behaviour.
     */
    idempotency?: "required" | "optional" | "x-idempotency-key";
  }
  interface FastifyRequest {
    /** The key this request holds (and what a crashed attempt left behind); null without a key. */
    idempotency: IdempotencyClaim | null;
  }
}

/** Headers a replay repeats (the rest belong to the new request: request id, rate limits). */
const REPLAYED_HEADERS = ["content-type", "location"];

const UK_KEY = "x-idempotency-key";
/** The UK profile's bounds: at most 40 characters, no white space at either end. */
const UK_KEY_PATTERN = /^(?!\s)(.*)(\S)$/;

function keyOf(request: FastifyRequest): string | undefined {
  const name = request.routeOptions.config?.idempotency === "x-idempotency-key" ? UK_KEY : "idempotency-key";
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

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
      const key = keyOf(request);
      if (request.routeOptions.config?.idempotency === "x-idempotency-key") {
        if (key === undefined)
          throw new AppError("idempotency_key_required", "Send an x-idempotency-key header (at most 40 characters) with this request.", {
            errors: [{ pointer: `/headers/${UK_KEY}`, detail: "is required" }],
          });
        if (key.length > 40 || !UK_KEY_PATTERN.test(key)) {
          const detail = "must be 1-40 characters without leading or trailing white space";
          throw new AppError("validation_failed", `${UK_KEY}: ${detail}`, { errors: [{ pointer: `/headers/${UK_KEY}`, detail }] });
        }
        return;
      }
      if (key !== undefined) return;
      throw new AppError(
        "idempotency_key_required",
        "Send an Idempotency-Key header (e.g. a UUID) with every request that creates something or moves money.",
        {
          errors: [{ pointer: "/headers/idempotency-key", detail: "is required" }],
        },
      );
    }

    async function reserve(request: FastifyRequest, reply: FastifyReply) {
      const key = keyOf(request);
      if (key === undefined) return;
      const hash = requestHash(request.method, request.url.split("?")[0], request.body);
      const reservation = await reserveIdempotencyKey({
        db: app.db,
        tenantId: request.tenantId,
        key,
        hash,
        now: app.now(),
        leaseMs: app.idempotencyLeaseMs,
      }).catch((error: unknown) => {
        // The UK form names its own header.
        if (request.routeOptions.config?.idempotency !== "x-idempotency-key" || !(error instanceof AppError) || !error.errors) throw error;
        throw new AppError(error.code, error.message.replace("Idempotency-Key", UK_KEY), {
          errors: error.errors.map((field) => ({ ...field, pointer: `/headers/${UK_KEY}` })),
          headers: error.headers,
        });
      });
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
      const mode = route.config?.idempotency;
      if (!mode) return;
      if (mode !== "optional") route.preValidation = append(route.preValidation as Hook, requireKey);
      route.preHandler = append(route.preHandler, reserve);
      route.onSend = append(route.onSend, store);
      route.onResponse = append(route.onResponse, releaseUnsent);
    });
  },
  { name: "idempotency", dependencies: ["store", "tenants"] },
);
