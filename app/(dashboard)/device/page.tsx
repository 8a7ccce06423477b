import type { Metadata } from "next";
import { DeviceConfirm } from "@/components/device/device-confirm";
import { requireUser } from "@/lib/auth/require-user";
import { listTeams } from "@/lib/teams/list-teams";

export const metadata: Metadata = { title: "Sign in the openbank CLI" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * RFC 8628's verification page: the developer, signed in (sign-in comes back here with the code),
 * confirms the code their terminal shows, sees who is asking and approves or denies it.
 */
export default async function DevicePage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).user_code;
  const userCode = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 32) ?? "";
  const user = await requireUser({ callbackUrl: userCode ? `/device?${new URLSearchParams({ user_code: userCode })}` : "/device" });
  const teams = await listTeams({ userId: user.id });
  return (
    <div className="flex flex-1 justify-center px-4 py-10 sm:py-16">
      <div className="w-full max-w-lg">
        <DeviceConfirm initialCode={userCode} teams={teams.map((team) => ({ id: team.id, name: team.name }))} />
      </div>
    </div>
  );
}
