import type { Metadata } from "next";
import Link from "next/link";
import { ResendVerificationButton } from "@/components/account/resend-verification-button";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { inspectAccountToken, type LinkStatus } from "@/lib/account/account-token";
import { getCurrentSession } from "@/lib/sessions/current-session";
import { ConfirmEmailButton } from "./confirm-email-button";

// The token in the URL is a secret: never sent onwards as a Referer, never indexed.
export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

const problems: Record<Exclude<LinkStatus, "valid">, { title: string; text: string }> = {
  invalid: {
    title: "This link is not valid",
    text: "Check that you opened the whole link from the email; some mail apps break long links.",
  },
  used: { title: "This link has already been used", text: "Each link works once, and a newer link replaces older ones." },
  expired: { title: "This link has expired", text: "Links to confirm an email address work for 24 hours." },
};

/**
 * The link from a verification email (or an address-change email): says which address it
 * confirms and confirms it with one click. A dead link says why and what to do next: a new
 * link from here when signed in and still unverified.
 */
export default async function VerifyEmailPage({ params }: Props) {
  const { token } = await params;
  const [link, session] = await Promise.all([inspectAccountToken(token, ["verify_email", "change_email"]), getCurrentSession()]);
  const change = link.token?.kind === "change_email";

  let body;
  if (link.status === "valid") {
    body = (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-fg-muted">
          {change ? "Your account will use " : "Confirm that "}
          <strong className="font-medium break-all text-fg">{link.token!.email}</strong>
          {change ? " from now on, to sign in and for account emails." : " is your email address."}
        </p>
        <ConfirmEmailButton token={token} email={link.token!.email} change={change} signedIn={session !== null} />
      </div>
    );
  } else {
    const problem = problems[link.status];
    let next;
    if (session?.emailVerified && !change) {
      next = (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-fg-muted">Your address {session.user.email} is verified already: there is nothing more to do.</p>
          <ButtonLink href="/dashboard" className="w-full">
            Go to the dashboard
          </ButtonLink>
        </div>
      );
    } else if (change && session && session.user.email === link.token?.email) {
      next = (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-fg-muted">Your account uses {session.user.email} already: there is nothing more to do.</p>
          <ButtonLink href="/account" className="w-full">
            Go to your account
          </ButtonLink>
        </div>
      );
    } else if (change) {
      next = (
        <p className="text-sm text-fg-muted">
          To change your address, ask again from your{" "}
          <Link href="/account" className="font-medium text-primary underline-offset-4 hover:underline">
            account profile
          </Link>
          .
        </p>
      );
    } else if (session) {
      next = (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-fg-muted">We can send a new link to {session.user.email}.</p>
          <ResendVerificationButton variant="primary" size="md" />
        </div>
      );
    } else {
      next = (
        <p className="text-sm text-fg-muted">
          <Link href="/signin?callbackUrl=%2Faccount" className="font-medium text-primary underline-offset-4 hover:underline">
            Sign in
          </Link>{" "}
          to get a new link.
        </p>
      );
    }
    body = (
      <div className="flex flex-col gap-4">
        <Alert tone={link.status === "invalid" ? "error" : "warning"} title={problem.title}>
          {problem.text}
        </Alert>
        {next}
      </div>
    );
  }

  return (
    <div className="mx-auto w-full max-w-md sm:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight text-fg">
        {change ? "Confirm your new email address" : "Verify your email address"}
      </h1>
      <p className="mt-1.5 text-fg-muted">A verified address lets you invite your team and request production access.</p>
      <Card className="mt-6">
        <CardBody className="sm:py-6">{body}</CardBody>
      </Card>
    </div>
  );
}
