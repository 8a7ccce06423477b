"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Select } from "@/components/ui/select";
import { switchTeam } from "./switch-team";

/** Which team the dashboard shows. The choice is remembered (a cookie) and checked on the server. */
export function TeamSwitcher({ teams, currentId }: { teams: Array<{ id: string; name: string; role: string }>; currentId: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);

  async function onChange(teamId: string) {
    setPending(true);
    try {
      await switchTeam(teamId);
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap text-fg-muted">
        Team
      </label>
      <Select
        id={id}
        value={currentId}
        disabled={pending}
        onChange={(event) => void onChange(event.target.value)}
        className="min-w-48"
        aria-busy={pending || undefined}
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name} ({team.role})
          </option>
        ))}
      </Select>
    </div>
  );
}
