import { SsoSignInButton } from "@/components/sso/sso-sign-in-button";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import type { JoinPolicies } from "@/lib/team-policies/join-policy";

type Step = "sso" | "two_factor";

/**
 * The invitation page's step when the team's policies ask something first (pendingJoinStep):
 * sign in with single sign-on (the address is on the team's SSO domain), or set up a second
 * factor (the team requires two-factor).
 */
export function InvitePolicyStep({
  step,
  policies,
  signedIn,
  back,
}: {
  step: Step;
  policies: JoinPolicies;
  /** Whether the invited address is signed in (else: signed out, with or without an account). */
  signedIn: boolean;
  /** This page, to come back to. */
  back: string;
}) {
  if (step === "sso" && policies.sso) {
    return (
      <div className="flex flex-col gap-4" data-testid="invite-policy-sso">
        <Alert tone="info" role="note" title={`${policies.teamName} requires single sign-on`}>
          Members with {policies.sso.domain} addresses sign in with {policies.sso.providerName}.{" "}
          {signedIn ? "Sign in with it to accept." : "Sign in with it to accept: the first time, it makes your account if you have none."}
        </Alert>
        <SsoSignInButton
          providerName={policies.sso.providerName}
          label={`Sign in with ${policies.sso.providerName} to accept`}
          callbackUrl={back}
          reauthenticate={signedIn}
          variant="primary"
          className="w-full"
        />
      </div>
    );
  }
  if (step === "two_factor") {
    return (
      <div className="flex flex-col gap-4" data-testid="invite-policy-two-factor">
        <Alert tone="warning" role="note" title={`${policies.teamName} requires two-factor authentication`}>
          {signedIn
            ? "Set up an authenticator app or a passkey on your account's Security page, then open this invitation link again to join."
            : "Create your account, set up an authenticator app or a passkey on its Security page, then open this invitation link again to join."}
        </Alert>
        <ButtonLink href={signedIn ? "/account/security" : "/signup"} size="lg" className="w-full">
          {signedIn ? "Set up two-factor" : "Create your account"}
        </ButtonLink>
      </div>
    );
  }
  return null;
}
