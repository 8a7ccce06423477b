import { IconAlertTriangle } from "@/components/ui/icons";
import { ResendVerificationButton } from "./resend-verification-button";

/**
 * A strip above every signed-in dashboard page until the address is verified: what is held back,
 * why, and a way to get a new link. It is there on load, so it is a labelled region, not an
 * announcement.
 */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <section
      aria-labelledby="verify-email-title"
      className="border-b border-warning-border bg-warning-soft"
      data-testid="verify-email-banner"
    >
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-3 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between sm:gap-6 sm:px-6">
        <div className="flex gap-3">
          <IconAlertTriangle size={18} className="mt-px shrink-0 text-warning" />
          <div>
            <p id="verify-email-title" className="font-semibold text-warning">
              Verify your email address
            </p>
            <p className="mt-0.5 max-w-3xl text-fg">
              We sent a link to <strong className="font-medium break-all">{email}</strong>. You can use the sandbox now; inviting team
              members and requesting production access wait until you open it, so the bank knows who to contact.
            </p>
          </div>
        </div>
        <div className="pl-[30px] sm:pl-0">
          <ResendVerificationButton />
        </div>
      </div>
    </section>
  );
}
