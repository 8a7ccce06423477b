"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { Alert } from "./alert";
import { Button, type ButtonSize, type ButtonVariant } from "./button";
import { Dialog } from "./dialog";

type ApiResult<Data> = { data?: Data; error?: unknown; response: Response };

/**
 * The one confirm-then-act pattern of the dashboard: a button opens a dialog that says what will
 * happen (Cancel focused, the safe choice), the confirm button runs one portal API call, and its
 * problem shows in the dialog. On success the dialog closes and the page refreshes (or `onDone`
 * decides), unless `reveal` renders what the call returned (a secret shown once): then the
 * dialog stays, can only be closed by its button, and the page refreshes when it is.
 */
export function ActionDialog<Data>({
  label,
  ariaLabel,
  icon,
  variant = "secondary",
  size = "sm",
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  confirmVariant = "danger",
  confirmDisabled = false,
  action,
  onOpen,
  onDone,
  reveal,
  initialFocus,
  className,
}: {
  /** The button that opens the dialog. */
  label: ReactNode;
  ariaLabel?: string;
  icon?: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  title: ReactNode;
  description?: ReactNode;
  /** What will happen, and any choices the action reads (controlled by the caller). */
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  confirmVariant?: ButtonVariant;
  /** Keeps the confirm button off until the caller's condition holds (a typed confirmation, say). */
  confirmDisabled?: boolean;
  /** The portal API call: `() => portalApi.DELETE(…)`. */
  action: () => Promise<ApiResult<Data>>;
  /** Reset the caller's choices each time the dialog opens. */
  onOpen?: () => void;
  /** After success (without `reveal`); default: refresh the page. */
  onDone?: (data: Data) => void;
  /** After success: a second step showing what the call returned, e.g. a secret shown once. */
  reveal?: { title: ReactNode; description?: ReactNode; render: (data: Data) => ReactNode; doneLabel?: string };
  /** Where focus starts, as a selector inside the dialog's content (a checked choice, say); default: Cancel. */
  initialFocus?: string;
  className?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<{ data: Data }>();
  const { run, pending, error, fields, reset } = useApiAction();
  const cancel = useRef<HTMLButtonElement>(null);
  const content = useRef<HTMLDivElement>(null);

  // The dialog has opened (its own effect runs first): start on the safe choice, or the one asked for.
  useEffect(() => {
    if (!open) return;
    // Once revealed, on the secret (it selects itself, ready to copy).
    const selector = revealed ? "input" : initialFocus;
    const target = selector ? content.current?.querySelector<HTMLElement>(selector) : null;
    (target ?? (revealed ? null : cancel.current))?.focus();
  }, [open, revealed, initialFocus]);

  function close() {
    setOpen(false);
    if (revealed) {
      setRevealed(undefined);
      // Only now: the refresh may unmount this button (a revoked or rolled row changes), and the secret with it.
      router.refresh();
    }
  }

  async function confirm() {
    const done = await run(action);
    if (!done) return;
    if (reveal) {
      setRevealed(done);
      return;
    }
    setOpen(false);
    if (onDone) onDone(done.data);
    else router.refresh();
  }

  // Field problems (a choice the action sent) read as one message here: the dialog has no form fields of its own.
  const message = error ?? (Object.keys(fields).length > 0 ? Object.values(fields).join(" ") : undefined);

  return (
    <>
      <Button
        variant={variant}
        size={size}
        icon={icon}
        aria-label={ariaLabel}
        onClick={() => {
          reset();
          onOpen?.();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        dismissible={!revealed}
        title={revealed && reveal ? reveal.title : title}
        description={revealed && reveal ? reveal.description : description}
        // Rendered inside tables and right-aligned toolbars: do not inherit their alignment.
        className={className ?? "text-left whitespace-normal"}
        footer={
          revealed ? (
            <Button key="done" onClick={close}>
              {reveal?.doneLabel ?? "I've stored it"}
            </Button>
          ) : (
            <>
              <Button ref={cancel} variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button variant={confirmVariant} loading={pending} disabled={confirmDisabled} onClick={confirm}>
                {pending ? pendingLabel : confirmLabel}
              </Button>
            </>
          )
        }
      >
        {revealed && reveal ? (
          <div ref={content}>{reveal.render(revealed.data)}</div>
        ) : (
          <div ref={content} className="flex flex-col gap-3 text-sm text-fg-muted">
            {children}
            {message && <Alert tone="error">{message}</Alert>}
          </div>
        )}
      </Dialog>
    </>
  );
}
