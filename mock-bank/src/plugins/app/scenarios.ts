import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "@openbank/contracts/errors";
import { MAX_LATENCY_MS, parseSandboxScenario, scenarioFailure, type ScenarioFailure } from "../../domain/sandbox/sandbox-scenario";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Whether the route moves money out of an account, so `Sandbox-Scenario:
     * insufficient_funds` applies. Default: POST routes outside /v1/sandbox.
     */
    movesMoney?: boolean;
  }
  interface FastifyInstance {
    /** onRequest hook for sandbox routes: honours the `Sandbox-Scenario` header. */
    applySandboxScenario: (request: FastifyRequest) => Promise<void>;
  }
}

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function movesMoney(request: FastifyRequest): boolean {
  const flag = request.routeOptions.config?.movesMoney;
  if (typeof flag === "boolean") return flag;
  return request.method === "POST" && !(request.routeOptions.url ?? "").startsWith("/v1/sandbox/");
}

function failureError(failure: ScenarioFailure): AppError {
  const { code } = scenarioFailure(failure);
  const detail = `Simulated by the Sandbox-Scenario header (${failure}).`;
  if (failure === "rate_limited") return new AppError(code, `${detail} Retry after 1 s.`, { headers: { "retry-after": "1" } });
  return new AppError(code, detail);
}

/**
 * `Sandbox-Scenario: latency=2000, bank_unavailable`: waits, then fails, before the route
 * runs (so a simulated failure never changes anything). Runs after the tenant header check,
 * before body validation and before the tenant is seeded.
 */
export default fp(
  async function scenarios(app, options: { sleep?: Sleep }) {
    const sleep = options.sleep ?? realSleep;
    app.decorate("applySandboxScenario", async (request: FastifyRequest) => {
      const header = request.headers["sandbox-scenario"];
      const parsed = parseSandboxScenario(Array.isArray(header) ? header.join(",") : header);
      if (!parsed.ok) {
        throw new AppError("validation_failed", `Sandbox-Scenario: ${parsed.detail}`, {
          errors: [{ pointer: "/headers/sandbox-scenario", detail: parsed.detail }],
        });
      }
      const { latencyMs, failure } = parsed.scenario;
      if (latencyMs > 0) await sleep(Math.min(latencyMs, MAX_LATENCY_MS));
      if (failure === null || (failure === "insufficient_funds" && !movesMoney(request))) return;
      throw failureError(failure);
    });
  },
  { name: "scenarios", dependencies: ["problem-errors"] },
);
