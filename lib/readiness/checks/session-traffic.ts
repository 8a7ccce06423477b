import type { GradeInput, LoggedCall } from "../readiness-check";
import { gradeInput as baseInput } from "./grade-input";

// Synthetic traffic for the consent checks' unit tests (consent-revoked, refresh-tokens).

export const gradeInput = (overrides: Partial<GradeInput>): GradeInput => baseInput({ actions: [], ...overrides });

let n = 0;
/** A GET /v1/accounts made with the consent token whose display prefix is `token`. */
export const accountsRead = (at: number, token: string, status = 200, responseBody: string | null = "{}"): LoggedCall => ({
  id: `req_${++n}`,
  method: "GET",
  path: "/v1/accounts",
  status,
  startedAt: at,
  endedAt: at + 5,
  idempotencyKey: null,
  fault: null,
  responseBody,
  consentToken: token,
});
