import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SsoSignInButton } from "@/components/sso/sso-sign-in-button";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { portalOrigin } from "@/lib/http/portal-url";
import { ssoDisplay } from "@/lib/sso/sso-config";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl), { origin: portalOrigin() });
  if (await getCurrentUser()) redirect(callbackUrl);
  // next-auth sends people here with ?error=… when a sign-in fails without JavaScript.
  const initialError = signInErrorMessage(first(params.error));
  const sso = ssoDisplay();

  return (
    <div className="mx-auto w-full max-w-md sm:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight text-fg">Sign in</h1>
      <p className="mt-1.5 text-fg-muted">Welcome back. Your apps and keys are waiting.</p>
      <Card className="mt-6">
        <CardBody className="sm:py-6">
          <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
          {/* Under the form's other ways in (its "or" and the passkey button). */}
          {sso && <SsoSignInButton providerName={sso.name} callbackUrl={callbackUrl} className="mt-3 w-full" />}
        </CardBody>
      </Card>
      <p className="mt-6 text-center text-sm text-fg-muted">
        New here?{" "}
        <Link href="/signup" className="font-medium text-primary underline-offset-4 hover:underline">
          Create a free account
        </Link>
      </p>
    </div>
  );
}
