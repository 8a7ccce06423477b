import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { IconCheck } from "@/components/ui/icons";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

const perks = [
  "Sandbox API keys the moment you register an app",
  "Your own isolated bank, seeded with test customers and months of history",
  "Interactive docs already authorised with your key",
  "No card, no sales call, no expiry",
];

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <div className="grid items-start gap-10 lg:grid-cols-[1fr_28rem] lg:gap-16 lg:pt-6">
      <div className="order-2 lg:order-1 lg:pt-8">
        <h2 className="text-sm font-semibold text-primary">What you get</h2>
        <p className="mt-2 text-2xl font-semibold tracking-tight text-fg sm:text-3xl">Everything you need to build on the bank, free.</p>
        <ul className="mt-6 space-y-3">
          {perks.map((perk) => (
            <li key={perk} className="flex gap-3 text-fg-muted">
              <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-primary-soft text-primary-soft-fg">
                <IconCheck size={13} strokeWidth={2.5} />
              </span>
              {perk}
            </li>
          ))}
        </ul>
      </div>

      <div className="order-1 mx-auto w-full max-w-md lg:order-2">
        <h1 className="text-2xl font-semibold tracking-tight text-fg">Create your account</h1>
        <p className="mt-1.5 text-fg-muted">Start with a free sandbox. It takes a minute.</p>
        <Card className="mt-6">
          <CardBody className="sm:py-6">
            <SignUpForm />
          </CardBody>
        </Card>
        <p className="mt-6 text-center text-sm text-fg-muted">
          Already have an account?{" "}
          <Link href="/signin" className="font-medium text-primary underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
