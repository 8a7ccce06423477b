"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { IconLock } from "@/components/ui/icons";

/**
 * Starts single sign-on through next-auth (a POST with its CSRF token, then the provider's login
 * page). `reauthenticate` asks the provider for a fresh login even if it has a session
 * (`prompt=login`): to link the account or confirm it's you, not to ride an old session.
 */
export function SsoSignInButton({
  providerName,
  callbackUrl,
  label = `Sign in with ${providerName}`,
  reauthenticate = false,
  variant = "secondary",
  size = "lg",
  className,
}: {
  providerName: string;
  callbackUrl: string;
  label?: string;
  reauthenticate?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}) {
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    // Navigates away on success; on a network failure next-auth sends the browser to the error page.
    await signIn("sso", { callbackUrl }, reauthenticate ? { prompt: "login" } : undefined).catch(() => setPending(false));
  }

  return (
    <Button variant={variant} size={size} className={className} loading={pending} icon={<IconLock />} onClick={start}>
      {label}
    </Button>
  );
}
