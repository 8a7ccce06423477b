import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "@/lib/errors";
import { completeIdempotencyKey, releaseIdempotencyKey, requestHash, reserveIdempotencyKey } from "./idempotency-store";

type State = { id: string; recoveredResourceId: string | null; settled: boolean };

const states = new WeakMap<FastifyRequest, State>();

/** Headers a replay repeats (the rest belong to the new request: request id, rate limits). */
const REPLAYED_HEADERS = ["content-type", "location"];

function keyOf(request: FastifyRequest): string | undefined {
  const value = request.headers["idempotency-key"];
  return typeof value === "string" ? value : undefined;
}

/** The key this request holds, and the resource a crashed earlier attempt created, if any. */
export function idempotencyState(request: FastifyRequest): { id: string; recoveredResourceId: string | null } | undefined {
  return states.get(request);
}

/**
 * Creates a resource once per Idempotency-Key: when an earlier attempt with this key crashed
 * after creating it, returns that resource instead of creating a second one.
 */
export function createOnce<T>(
  request: FastifyRequest,
  steps: { get: (resourceId: string) => Promise<T>; create: (idempotencyKeyId: string | undefined) => Promise<T> },
): Promise<T> {
  const state = idempotencyState(request);
  return state?.recoveredResourceId ? steps.get(state.recoveredResourceId) : steps.create(state?.id);
}

/**
 * Route hooks for the Idempotency-Key contract. `required`: a missing key is a 400
 * idempotency_key_required (checked before body validation). Runs after the tenant is loaded:
 * reserves the key (or replays, or refuses with 409/422), and stores the exact response
 * bytes when the response is sent; a 5xx gives the key back so a retry runs again.
 */
export function idempotencyHooks(app: FastifyInstance, options: { required: boolean }) {
  return {
    preValidation: async (request: FastifyRequest) => {
      if (options.required && keyOf(request) === undefined) {
        throw new AppError("idempotency_key_required", "Send an Idempotency-Key header (e.g. a UUID) with every payment.", {
          errors: [{ pointer: "/headers/idempotency-key", detail: "is required" }],
        });
      }
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const key = keyOf(request);
      if (key === undefined) return;
      const hash = requestHash(request.method, request.url.split("?")[0], request.body);
      const reservation = await reserveIdempotencyKey({ db: app.db, tenantId: request.tenantId, key, hash, now: app.now(), leaseMs: app.idempotencyLeaseMs });
      if (reservation.kind === "replay") {
        const { status, headers, body } = reservation.response;
        return reply.code(status).headers(headers).header("idempotent-replayed", "true").send(body);
      }
      states.set(request, { id: reservation.id, recoveredResourceId: reservation.kind === "recovered" ? reservation.resourceId : null, settled: false });
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const state = states.get(request);
      if (!state || state.settled) return payload;
      state.settled = true;
      if (reply.statusCode >= 500 || typeof payload !== "string") {
        await releaseIdempotencyKey(app.db, state.id);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      try {
        await completeIdempotencyKey(app.db, state.id, { status: reply.statusCode, headers, body: payload });
      } catch (error) {
        // The response still goes out; the key stays in flight until its lease ends, then a retry recovers the resource.
        request.log.error({ err: error }, "could not store the idempotent response");
      }
      return payload;
    },
    onResponse: async (request: FastifyRequest) => {
      const state = states.get(request);
      if (state && !state.settled) await releaseIdempotencyKey(app.db, state.id);
    },
  };
}
