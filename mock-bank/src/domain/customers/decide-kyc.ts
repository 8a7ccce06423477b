import type { KycReasonDto, ScreeningDto } from "../../schemas/customer";
import { CERTAIN_THRESHOLD, screenName } from "./screen-name";

/** Magic family names (any letter case) and the minimum age, documented in the sandbox reference. */
export const REVIEW_FAMILY_NAME = "Review";
export const REJECT_FAMILY_NAME = "Reject";
export const MINIMUM_AGE = 18;

export type KycDecision = { status: "approved" | "review" | "rejected"; reasons: KycReasonDto[]; screening: ScreeningDto };

/** Whole years between a YYYY-MM-DD birth date and `now` (UTC). */
export function ageOn(dateOfBirth: string, now: Date): number {
  const [year, month, day] = dateOfBirth.split("-").map(Number);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age--;
  return age;
}

/**
 * The sandbox's KYC rules, documented as magic values: family name `Reject` → rejected,
 * `Review` → review; under 18 → rejected; a sanctions match ≥ 0.95 → rejected, ≥ 0.85 → review.
 * Any rejection wins over review.
 */
export function decideKyc(input: { givenName: string; familyName: string; dateOfBirth: string; now: Date }): KycDecision {
  const reasons: KycReasonDto[] = [];
  const result = screenName(`${input.givenName} ${input.familyName}`);
  const screening: ScreeningDto = {
    status: result.match ? (result.score >= CERTAIN_THRESHOLD ? "match" : "potential_match") : "clear",
    score: result.score,
    matched_entry: result.match,
  };
  const family = input.familyName.trim().toLowerCase();
  if (family === REJECT_FAMILY_NAME.toLowerCase())
    reasons.push({ code: "identity_not_verified", message: "The identity could not be verified (sandbox magic family name Reject)." });
  if (ageOn(input.dateOfBirth, input.now) < MINIMUM_AGE)
    reasons.push({ code: "under_age", message: "The customer is under 18 on the sandbox clock." });
  if (screening.status === "match")
    reasons.push({
      code: "sanctions_match",
      message: `The name matches sanctions list entry ${result.match!.id} (score ${result.score}).`,
    });
  if (screening.status === "potential_match")
    reasons.push({
      code: "possible_sanctions_match",
      message: `The name may match sanctions list entry ${result.match!.id} (score ${result.score}); a person must check it.`,
    });
  if (family === REVIEW_FAMILY_NAME.toLowerCase())
    reasons.push({ code: "manual_review_requested", message: "Sent to manual review (sandbox magic family name Review)." });
  const rejecting = reasons.some((r) => r.code === "identity_not_verified" || r.code === "under_age" || r.code === "sanctions_match");
  return { status: rejecting ? "rejected" : reasons.length ? "review" : "approved", reasons, screening };
}
