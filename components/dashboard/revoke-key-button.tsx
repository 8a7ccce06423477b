"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Dialog } from "@/components/ui/dialog";
import { problemMessage, readProblem } from "@/lib/http/read-problem";

/** "Revoke", confirmed in a dialog that says what happens: the very next call fails. */
export function RevokeKeyButton({ appId, keyId, keyName, prefix }: { appId: string; keyId: string; keyName: string; prefix: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const cancel = useRef<HTMLButtonElement>(null);

  // Start on the safe choice once the dialog is open (its own effect opens it first).
  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);

  async function revoke() {
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/keys/${encodeURIComponent(keyId)}`, {
        method: "DELETE",
        headers: { accept: "application/json" },
      });
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
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setError(undefined);
          setOpen(true);
        }}
        aria-label={`Revoke ${keyName}`}
      >
        Revoke
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Revoke “${keyName}”?`}
        // The dialog sits in a right-aligned table cell in the DOM; do not inherit its alignment.
        className="whitespace-normal"
        footer={
          <>
            <Button ref={cancel} variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={pending} onClick={revoke}>
              {pending ? "Revoking…" : "Revoke key"}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3 text-sm text-fg-muted">
          <p>
            The next call with <Code>{prefix}</Code> fails at once with <Code>401 revoked_api_key</Code>, from your code and from
            the API docs. This cannot be undone.
          </p>
          <p>If something still uses this key, create a new one and switch over first.</p>
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </Dialog>
    </>
  );
}
