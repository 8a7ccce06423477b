import { redirect } from "next/navigation";
import { AppError } from "@openbank/contracts/errors";

/**
 * For a team's dashboard pages: a member the team's two-factor policy shuts out (403
 * two_factor_required) goes to the security page, whose banner says why and what to set up.
 */
export function redirectIfShutOut(error: unknown): void {
  if (error instanceof AppError && error.code === "two_factor_required") redirect("/account/security");
}
