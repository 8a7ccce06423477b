"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { IconX } from "./icons";

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page inert and closes on
 * Escape. Focus goes to the first [autofocus] element (else the first focusable one) and
 * returns to whatever had it when the dialog closes. Controlled: `open` + `onClose`.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  dismissible = true,
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** false: only the dialog's own buttons close it (no backdrop click, no Escape), e.g. while a secret is shown once. */
  dismissible?: boolean;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        if (!dismissible) event.preventDefault();
      }}
      onClose={() => {
        returnFocus.current?.focus();
        onClose();
      }}
      // A click on the backdrop lands on the <dialog> itself; clicks inside land on children.
      onClick={(event) => {
        if (dismissible && event.target === event.currentTarget) event.currentTarget.close();
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-lg rounded-card text-left border border-border bg-surface p-0 text-fg shadow-raised",
        className,
      )}
    >
      <div className="flex items-start justify-between gap-4 px-6 pt-5">
        <div>
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <p id={descriptionId} className="mt-1 text-sm text-fg-muted">
              {description}
            </p>
          )}
        </div>
        <button
          type="button"
          onClick={() => ref.current?.close()}
          aria-label="Close"
          className="-mr-2 rounded-control p-1.5 text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          <IconX size={18} />
        </button>
      </div>
      {children && <div className="px-6 py-4">{children}</div>}
      {footer && <div className="flex flex-wrap justify-end gap-3 border-t border-border bg-surface-muted/60 px-6 py-3">{footer}</div>}
    </dialog>
  );
}
