"use client";

import { useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * "Resend link": emails a new verification link and says where it went (or why it did not: the
 * server allows one a minute). Harmless to repeat, so no confirmation step; the result is announced.
 */
export function ResendVerificationButton({ variant = "secondary", size = "sm" }: { variant?: ButtonVariant; size?: ButtonSize }) {
  const { run, pending, error } = useApiAction();
  const [result, setResult] = useState<{ email: string; sent: boolean }>();

  async function resend() {
    setResult(undefined);
    const done = await run(() => portalApi.POST("/api/account/email/verification"));
    if (done) setResult({ email: done.data.email, sent: done.data.sent });
  }

  return (
    <div className="flex flex-col items-start gap-1.5">
      <Button variant={variant} size={size} loading={pending} onClick={resend}>
        {pending ? "Sending…" : result?.sent ? "Send another link" : "Resend link"}
      </Button>
      <p role="status" className="text-sm text-fg-muted empty:hidden">
        {result &&
          (result.sent
            ? `Sent to ${result.email}. The link works for 24 hours.`
            : "The mail server did not take the message; try again in a minute.")}
      </p>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
