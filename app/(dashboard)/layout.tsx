import type { Metadata } from "next";
import type { ReactNode } from "react";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { getCurrentSession } from "@/lib/sessions/current-session";

// Signed-in pages: nothing here for search engines. Each page checks the session itself
// (layouts are not re-run on client navigation), and the API checks it again.
export const metadata: Metadata = { robots: { index: false, follow: false } };

/** Every dashboard and account page: the verification banner on top until the address is verified. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await getCurrentSession();
  return (
    <div className="flex flex-1 flex-col">
      {session && !session.emailVerified && <VerifyEmailBanner email={session.user.email} />}
      {children}
    </div>
  );
}
