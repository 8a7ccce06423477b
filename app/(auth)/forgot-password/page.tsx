import type { Metadata } from "next";
import { Card, CardBody } from "@/components/ui/card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

/** "Forgot password?" from the sign-in form: a link by email, whether or not we say so. */
export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto w-full max-w-md sm:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight text-fg">Reset your password</h1>
      <p className="mt-1.5 text-fg-muted">Enter your email address and we will send you a link to choose a new password.</p>
      <Card className="mt-6">
        <CardBody className="sm:py-6">
          <ForgotPasswordForm />
        </CardBody>
      </Card>
    </div>
  );
}
