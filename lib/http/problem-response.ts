import type { AppError } from "@openbank/contracts/errors";
import { problemAnswer, type ProblemContext } from "@openbank/contracts/problem";

/** The problem as a Web Response, for route handlers: the body and headers are problemAnswer's. */
export function problemResponse(error: AppError, context: ProblemContext): Response {
  const answer = problemAnswer(error, context);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
