import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { describeResetLink } from "@/lib/account/reset-password";
import { ResetPasswordForm } from "./reset-password-form";

// The token in the URL is a secret: never sent onwards as a Referer, never indexed.
export const metadata: Metadata = { title: "Choose a new password", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

const problems = {
  invalid: {
    title: "This reset link is not valid",
    text: "Check that you opened the whole link from the email; some mail apps break long links.",
  },
  used: { title: "This reset link has already been used", text: "Each link works once, and a newer password change ends the older links." },
  expired: { title: "This reset link has expired", text: "Password reset links work for 1 hour." },
} as const;

/** The link from a password reset email: a new password, or why the link no longer works. */
export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const link = await describeResetLink(token);
  const title = link.status === "valid" && !link.hasPassword ? "Set a password" : "Choose a new password";

  return (
    <div className="mx-auto w-full max-w-md sm:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
      <p className="mt-1.5 text-fg-muted">Use one you do not use anywhere else.</p>
      <Card className="mt-6">
        <CardBody className="sm:py-6">
          {link.status === "valid" ? (
            <ResetPasswordForm token={token} email={link.email!} hasPassword={link.hasPassword!} />
          ) : (
            <div className="flex flex-col gap-4">
              <Alert tone={link.status === "invalid" ? "error" : "warning"} title={problems[link.status].title}>
                {problems[link.status].text}
              </Alert>
              <ButtonLink href="/forgot-password" className="w-full">
                Request a new link
              </ButtonLink>
            </div>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
