import { Alert } from "@/components/ui/alert";
import { ResendVerificationButton } from "./resend-verification-button";

/**
 * Above every signed-in dashboard page until the address is verified: what is held back, why,
 * and a way to get a new link. It is there on load, so it is a note, not an announcement.
 */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div className="border-b border-warning-border bg-warning-soft/60" data-testid="verify-email-banner">
      <div className="mx-auto w-full max-w-6xl px-4 py-3 sm:px-6">
        <Alert
          tone="warning"
          role="note"
          aria-label="Verify your email address"
          title="Verify your email address"
          className="border-0 bg-transparent px-0 py-0"
        >
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
            <p className="max-w-3xl">
              We sent a link to <strong className="font-medium">{email}</strong>. You can use the sandbox now; inviting team members and
              requesting production access wait until you open it, so the bank knows who to contact.
            </p>
            <ResendVerificationButton />
          </div>
        </Alert>
      </div>
    </div>
  );
}
