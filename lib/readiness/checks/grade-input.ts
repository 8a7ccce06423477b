import type { GradeInput } from "../readiness-check";

/** A check's grading input for unit tests: no traffic, one endpoint, well inside the check's time; override what the case needs. */
export const gradeInput = (overrides: Partial<GradeInput>): GradeInput => ({
  calls: [],
  attempts: [],
  endpoints: 1,
  startedAt: 0,
  now: 100_000,
  timedOut: false,
  ...overrides,
});
