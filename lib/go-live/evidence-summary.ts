import type { SandboxEvidence } from "./sandbox-evidence";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The evidence in one line: "15 endpoints (3 needed) answered 2xx in the last 7 days (42 successful calls)". */
export function evidenceSummary(evidence: SandboxEvidence): string {
  const { endpoints, required_endpoints, window_days, successful_calls } = evidence;
  return `${plural(endpoints.length, "endpoint")} (${required_endpoints} needed) answered 2xx in the last ${plural(window_days, "day")} (${plural(successful_calls, "successful call")})`;
}
