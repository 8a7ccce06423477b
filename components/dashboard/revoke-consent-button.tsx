"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Dialog } from "@/components/ui/dialog";
import { problemMessage, readProblem } from "@/lib/http/read-problem";

/** "Revoke", confirmed in a dialog: the consent's tokens stop working at once, at the bank. */
export function RevokeConsentButton({ appId, consentId, customer }: { appId: string; consentId: string; customer: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);

  async function revoke() {
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/consents/${encodeURIComponent(consentId)}`, { method: "DELETE", headers: { accept: "application/json" } });
      if (!response.ok) {
        setError(problemMessage(await readProblem(response)));
        return;
      }
      setOpen(false);
      router.refresh();
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => (setError(undefined), setOpen(true))} aria-label={`Revoke consent ${consentId}`}>
        Revoke
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Revoke this consent?"
        className="whitespace-normal"
        footer={
          <>
            <Button ref={cancel} variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={pending} onClick={revoke}>
              {pending ? "Revoking…" : "Revoke consent"}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3 text-sm text-fg-muted">
          <p>
            <Code>{consentId}</Code> ({customer}) ends now: its access and refresh tokens answer <Code>401 consent_revoked</Code> from the
            next call, and a <Code>consent.revoked</Code> event is recorded. The customer would have to consent again.
          </p>
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </Dialog>
    </>
  );
}
