"use client";

import type { Role } from "@prisma/client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Select } from "@/components/ui/select";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import type { AssignableRole } from "@/lib/teams/team-input";

/** A member's role, changeable in place by those allowed to (the server decides again). */
export function MemberRoleSelect({
  teamId,
  memberId,
  name,
  role,
  roles,
}: {
  teamId: string;
  memberId: string;
  name: string;
  role: Role;
  roles: Role[];
}) {
  const router = useRouter();
  const { run, pending, error } = useApiAction();
  const [value, setValue] = useState<string>(role);

  async function onChange(next: string) {
    setValue(next);
    const done = await run(() =>
      portalApi.PATCH("/api/teams/{teamId}/members/{memberId}", {
        params: { path: { teamId, memberId } },
        body: { role: next as AssignableRole },
      }),
    );
    if (done) router.refresh();
    else setValue(role); // refused: show the role they still have
  }

  return (
    <div className="flex flex-col gap-1">
      <Select
        aria-label={`Role of ${name}`}
        value={value}
        disabled={pending}
        onChange={(event) => void onChange(event.target.value)}
        className="h-8 w-36"
      >
        {roles.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
      {error && (
        <p role="alert" className="max-w-56 text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
