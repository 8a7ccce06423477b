import { z } from "zod";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { checkById } from "./check-catalogue";
import type { LoggedCall } from "./readiness-check";
import { overallGrade, readChecks } from "./run-state";

const grade = z.enum(["pass", "warn", "fail"]);

const instructionDto = z.object({
  text: text(500),
  action: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("none") }),
      z.object({ kind: z.literal("create_payment"), amount: text(20), currency: text(3) }),
      z.object({ kind: z.literal("list_accounts") }),
      z.object({ kind: z.literal("fetch_history"), account_number: text(20), limit: z.int().min(1).max(100) }),
      z.object({ kind: z.literal("pending_booked"), account_number: text(20) }),
      z.object({ kind: z.literal("use_standards"), persona: text(40) }),
      z.object({ kind: z.literal("customer_session"), persona: text(64) }),
    ])
    .describe("What the app's client should do now, for clients that follow the run by themselves (the reference apps do)."),
});

export const readinessCheckDto = z.object({
  id: text(60),
  title: text(100),
  description: text(500),
  status: z.enum(["waiting", "running", "done", "skipped"]),
  grade: grade.nullable(),
  summary: text(1_000).nullable(),
  evidence: z.object({
    request_ids: z.array(resourceId).max(200).describe("Gateway calls the grade rests on: `/dashboard/requests/{id}`."),
    delivery_ids: z.array(resourceId).max(200).describe("Webhook deliveries the grade rests on (the endpoint's delivery log)."),
  }),
  fix_hint: text(500),
  guide_url: text(200),
  instruction: instructionDto.nullable().describe("While the check runs: what to do now."),
  started_at: timestamp.nullable(),
  ended_at: timestamp.nullable(),
});

export const readinessRunDto = z.object({
  id: resourceId,
  app_id: resourceId,
  status: z.enum(["running", "passed", "failed", "cancelled", "expired"]),
  grade: grade.nullable().describe("The worst grade of the checks graded so far."),
  started_by: resourceId,
  started_at: timestamp,
  expires_at: timestamp,
  ended_at: timestamp.nullable(),
  progress: z.object({ done: count, total: count }),
  current_check: text(60).nullable().describe("The id of the check running now."),
  checks: z.array(readinessCheckDto).max(50),
});

export const readinessTrafficDto = z.object({
  requests: z
    .array(
      z.object({
        id: resourceId,
        method: text(10),
        path: text(2048),
        status: z.int(),
        at: timestamp,
        injected: text(200).nullable().describe("The fault the run injected into this call (`x-readiness-fault`), if any."),
      }),
    )
    .max(500),
  deliveries: z.array(z.object({ id: resourceId, endpoint_id: resourceId, check: text(60), label: text(40) })).max(500),
});

export const readinessReportDto = readinessRunDto.extend({ traffic: readinessTrafficDto });

export type ReadinessRunDto = z.output<typeof readinessRunDto>;
export type ReadinessReportDto = z.output<typeof readinessReportDto>;

export const readinessRunSelect = {
  id: true,
  appId: true,
  status: true,
  startedBy: true,
  startedAt: true,
  expiresAt: true,
  endedAt: true,
  checks: true,
} as const;

type RunRow = {
  id: string;
  appId: string;
  status: string;
  startedBy: string;
  startedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  checks: unknown;
};

export function toReadinessRunDto(row: RunRow): ReadinessRunDto {
  const checks = readChecks(row.checks);
  const running = checks.find((check) => check.status === "running");
  return {
    id: row.id,
    app_id: row.appId,
    status: row.status as ReadinessRunDto["status"],
    grade: overallGrade(checks),
    started_by: row.startedBy,
    started_at: row.startedAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    ended_at: row.endedAt?.toISOString() ?? null,
    progress: { done: checks.filter((check) => check.status === "done" || check.status === "skipped").length, total: checks.length },
    current_check: row.status === "running" ? (running?.id ?? null) : null,
    checks: checks.map((state) => {
      const check = checkById(state.id);
      return {
        id: state.id,
        title: check?.title ?? state.id,
        description: check?.description ?? "",
        status: state.status,
        grade: state.grade,
        summary: state.summary,
        evidence: { request_ids: state.request_ids.slice(0, 200), delivery_ids: state.delivery_ids.slice(0, 200) },
        fix_hint: check?.fixHint ?? "",
        guide_url: check?.guide ?? "/docs/guides",
        instruction: state.status === "running" && row.status === "running" && check ? check.instruction : null,
        started_at: state.started_at,
        ended_at: state.ended_at,
      };
    }),
  };
}

export function toTrafficDto(calls: LoggedCall[], row: RunRow): ReadinessReportDto["traffic"] {
  return {
    requests: calls.slice(0, 500).map((call) => ({
      id: call.id,
      method: call.method,
      path: call.path,
      status: call.status,
      at: new Date(call.endedAt).toISOString(),
      injected: call.fault,
    })),
    deliveries: readChecks(row.checks)
      .flatMap((check) =>
        check.sent.map((sent) => ({ id: sent.delivery_id, endpoint_id: sent.endpoint_id, check: check.id, label: sent.label })),
      )
      .slice(0, 500),
  };
}
