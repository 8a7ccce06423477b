import { cookies } from "next/headers";
import { CURRENT_TEAM_COOKIE, resolveCurrentTeamId } from "./current-team";

/** For pages: the team the dashboard shows, from the switcher's cookie (membership re-checked). */
export async function currentTeamId(userId: string): Promise<string | null> {
  const requested = (await cookies()).get(CURRENT_TEAM_COOKIE)?.value;
  return resolveCurrentTeamId({ userId, requested });
}
