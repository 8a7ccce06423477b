import type { EngineAction, Grade } from "./readiness-check";

/** One check's place in a run, stored in ReadinessRun.checks (JSON), in the run's order. */
export type CheckState = {
  id: string;
  status: "waiting" | "running" | "done" | "skipped";
  started_at: string | null;
  ended_at: string | null;
  grade: Grade | null;
  summary: string | null;
  request_ids: string[];
  delivery_ids: string[];
  /** The readiness attempts the check sent, with the check's label for each (grading reads them). */
  sent: { attempt_id: string; delivery_id: string; endpoint_id: string; label: string }[];
  /** How many enabled endpoints its webhooks went to. */
  endpoints: number;
  /** What the engine did to the app mid-check (`act`): the action, when (ISO), what it touched. */
  actions?: (EngineAction & { at: string; detail: string })[];
};

export type RunStatus = "running" | "passed" | "failed" | "cancelled" | "expired";

export function initialChecks(ids: readonly string[]): CheckState[] {
  return ids.map((id) => ({
    id,
    status: "waiting",
    started_at: null,
    ended_at: null,
    grade: null,
    summary: null,
    request_ids: [],
    delivery_ids: [],
    sent: [],
    endpoints: 0,
  }));
}

export function readChecks(value: unknown): CheckState[] {
  return Array.isArray(value) ? (value as CheckState[]) : [];
}

/** The run's grade: its worst check's (none until a check is graded). */
export function overallGrade(checks: CheckState[]): Grade | null {
  const grades = checks.map((check) => check.grade).filter((grade): grade is Grade => grade !== null);
  if (grades.includes("fail")) return "fail";
  if (grades.includes("warn")) return "warn";
  return grades.length ? "pass" : null;
}

/** How a run that went through every check ends: failed if any check failed, else passed (warnings allowed). */
export function finalStatus(checks: CheckState[]): RunStatus {
  return checks.some((check) => check.grade === "fail") ? "failed" : "passed";
}
