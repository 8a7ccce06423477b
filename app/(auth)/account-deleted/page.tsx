import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false, follow: false } };

/** Where the browser lands after deleting its account (the cookie is cleared before). */
export default function AccountDeletedPage() {
  return (
    <div className="mx-auto w-full max-w-md sm:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight text-fg">Your account has been deleted</h1>
      <Card className="mt-6">
        <CardBody className="flex flex-col gap-3 text-sm text-fg-muted sm:py-6">
          <p>Your profile, sign-in factors and sessions are gone, and we&apos;ve emailed a confirmation to your old address.</p>
          <p>Audit entries of the teams you worked in stay, without your name or email.</p>
        </CardBody>
      </Card>
      <p className="mt-6 text-center text-sm text-fg-muted">
        <Link href="/" className="font-medium text-primary underline-offset-4 hover:underline">
          Back to the home page
        </Link>
      </p>
    </div>
  );
}
