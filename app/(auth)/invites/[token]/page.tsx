import type { Metadata } from "next";
import Link from "next/link";
import { InvitePolicyStep } from "@/components/teams/invite-policy-step";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentSession } from "@/lib/sessions/current-session";
import { hasSecondFactor } from "@/lib/sessions/verify-identity";
import { invitePolicies, pendingJoinStep } from "@/lib/team-policies/join-policy";
import { getInviteByToken } from "@/lib/teams/get-invite";
import { AcceptInviteButton } from "./accept-invite-button";
import { InviteSignUpForm } from "./invite-sign-up-form";

export const metadata: Metadata = { title: "Team invitation", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

const statusText = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn by the team.",
  expired: "This invitation has expired.",
} as const;

/**
 * The link from the invitation email. Signed in with the invited address: join. Signed in
 * as someone else: say so. Signed out: sign in (account exists) or sign up right here. What the
 * team's policies ask (single sign-on for its domain, a second factor) comes first.
 */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const [invite, session, policies] = await Promise.all([getInviteByToken(token), getCurrentSession(), invitePolicies(token)]);
  const user = session?.user ?? null;
  const back = `/invites/${token}`;
  // What the team's policies ask first (single sign-on, two-factor), of the invited address or someone signed out.
  const invitee =
    user && invite && user.email === invite.email
      ? { signedInWith: session!.method, hasSecondFactor: await hasSecondFactor(user.id) }
      : null;
  const pending = policies && (invitee || !user) ? pendingJoinStep(policies, invitee) : null;
  // Signed out with an account: signing in comes first (its second factor is asked after).
  const step = pending === "two_factor" && !user && invite?.has_account ? null : pending;

  let body;
  if (!invite) {
    body = (
      <Alert tone="error" title="This invitation link is not valid">
        Check that you copied the whole link from the email, or ask for a new invitation.
      </Alert>
    );
  } else if (invite.status !== "pending") {
    body = (
      <Alert tone="warning" title={statusText[invite.status]}>
        Ask an owner or admin of {invite.team_name} to send you a new one.
      </Alert>
    );
  } else if (step) {
    body = <InvitePolicyStep step={step} policies={policies!} signedIn={invitee !== null} back={back} />;
  } else if (user && user.email === invite.email) {
    body = <AcceptInviteButton token={token} teamName={invite.team_name} />;
  } else if (user) {
    body = (
      <Alert tone="warning" title={`This invitation is for ${invite.email}`}>
        You are signed in as {user.email}. Sign out from the account menu, then open the link again and sign in (or sign up) as{" "}
        {invite.email}.
      </Alert>
    );
  } else if (invite.has_account) {
    body = (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-fg-muted">Sign in as {invite.email} to accept.</p>
        <ButtonLink href={`/signin?${new URLSearchParams({ callbackUrl: back })}`} size="lg" className="w-full">
          Sign in to accept
        </ButtonLink>
      </div>
    );
  } else {
    body = <InviteSignUpForm token={token} email={invite.email} />;
  }

  return (
    <div className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{invite ? `Join ${invite.team_name}` : "Team invitation"}</h1>
      {invite && invite.status === "pending" && (
        <p className="mt-1.5 text-fg-muted">
          {invite.invited_by} invited you as {invite.role === "admin" ? "an" : "a"}{" "}
          <strong className="font-medium text-fg">{invite.role}</strong>.
        </p>
      )}
      <Card className="mt-6">
        <CardBody className="sm:py-6">{body}</CardBody>
      </Card>
      <p className="mt-6 text-center text-sm text-fg-muted">
        <Link href="/docs/api" className="font-medium text-primary underline-offset-4 hover:underline">
          What is Open Bank Developers?
        </Link>
      </p>
    </div>
  );
}
