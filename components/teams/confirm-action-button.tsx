"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useApiAction } from "./use-api-action";

/**
 * A button that asks first: a dialog saying what will happen, Cancel focused, then one API
 * call. On success the page is refreshed (or `onDone` decides where to go).
 */
export function ConfirmActionButton({
  label,
  ariaLabel,
  title,
  children,
  confirmLabel,
  pendingLabel,
  method,
  url,
  body,
  variant = "secondary",
  confirmVariant = "danger",
  size = "sm",
  onDone,
}: {
  label: string;
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  method: string;
  url: string;
  body?: unknown;
  variant?: ButtonVariant;
  confirmVariant?: ButtonVariant;
  size?: "sm" | "md";
  onDone?: () => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, error, reset } = useApiAction();
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);

  async function confirm() {
    const response = await run(method, url, body);
    if (!response) return;
    setOpen(false);
    if (onDone) onDone();
    else router.refresh();
  }

  return (
    <>
      <Button
        variant={variant}
        size={size}
        aria-label={ariaLabel}
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        className="text-left whitespace-normal"
        footer={
          <>
            <Button ref={cancel} variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant={confirmVariant} loading={pending} onClick={confirm}>
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3 text-sm text-fg-muted">
          {children}
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </Dialog>
    </>
  );
}
