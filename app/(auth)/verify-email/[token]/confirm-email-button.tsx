"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * Uses the link: one click, not on page load, so mail scanners and link previews that open the
 * page do not spend it. Then says what changed and where to go next.
 */
export function ConfirmEmailButton({
  token,
  email,
  change,
  signedIn,
}: {
  token: string;
  email: string;
  change: boolean;
  signedIn: boolean;
}) {
  const { run, pending, error } = useApiAction();
  const [done, setDone] = useState(false);

  async function confirm() {
    const result = await run(() => portalApi.POST("/api/account/email/verify", { body: { token } }));
    if (!result) return;
    // No refresh here: this page would then render the link as used. The dashboard reads the account afresh.
    setDone(true);
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title={change ? "Your email address is changed" : "Your email address is verified"}>
          {change
            ? `Your account now uses ${email}: sign in with it from now on. We told your previous address.`
            : "You can now invite team members and request production access."}
        </Alert>
        <ButtonLink href={signedIn ? "/dashboard" : "/signin"} size="lg" className="w-full">
          {signedIn ? "Go to the dashboard" : "Sign in"}
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <Button size="lg" className="w-full" loading={pending} onClick={confirm} autoFocus>
        {pending ? "Confirming…" : change ? "Confirm new email address" : "Verify email address"}
      </Button>
    </div>
  );
}
