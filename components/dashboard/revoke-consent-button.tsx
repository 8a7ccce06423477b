"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { problemMessage, readProblem } from "@/lib/http/read-problem";

/** Revokes a consent at the bank; its tokens stop working at once. */
export function RevokeConsentButton({ appId, consentId }: { appId: string; consentId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function revoke() {
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/consents/${encodeURIComponent(consentId)}`, { method: "DELETE", headers: { accept: "application/json" } });
      if (!response.ok) setError(problemMessage(await readProblem(response)));
      else router.refresh();
    } catch {
      setError("We couldn't reach the server.");
    } finally {
      setPending(false);
    }
  }

  return (
    <span className="flex items-center justify-end gap-2">
      {error && (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      )}
      <Button size="sm" variant="ghost" loading={pending} onClick={revoke} aria-label={`Revoke consent ${consentId}`}>
        Revoke
      </Button>
    </span>
  );
}
