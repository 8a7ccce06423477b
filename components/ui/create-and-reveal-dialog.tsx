"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

type Reveal<Result> = {
  title: (result: Result) => string;
  description: string;
  /** The element that takes focus once the secret is shown (the secret itself, selected to copy). */
  focusId: string;
  body: (result: Result) => ReactNode;
  /** What "I've stored it" does besides closing (e.g. open the new thing's page). */
  onDone?: (result: Result) => void;
};

/**
 * The one way a credential is created in the portal: a button opens a form in a dialog; once
 * the API answers, the same dialog shows the secret once, cannot be dismissed by a stray click,
 * and forgets the secret when closed (it lives only in this component's state). The caller
 * owns the fields and the API call (`onSubmit` resolves to the created thing, or null to stay
 * on the form with its errors).
 */
export function CreateAndRevealDialog<Result>({
  trigger,
  formId,
  title,
  description,
  submitLabel,
  pendingLabel,
  pending,
  onOpen,
  onSubmit,
  fields,
  reveal,
}: {
  trigger: { label: string; icon: ReactNode };
  formId: string;
  title: string;
  description: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** Runs as the dialog opens: reset the form's state and the action's errors. */
  onOpen: () => void;
  onSubmit: (form: FormData) => Promise<Result | null>;
  fields: ReactNode;
  reveal: Reveal<Result>;
}) {
  const [step, setStep] = useState<{ kind: "closed" } | { kind: "form" } | { kind: "reveal"; result: Result }>({ kind: "closed" });

  // The dialog has opened (its effect runs first): start in the first field, not on "Close";
  // once the secret exists, on it instead of nowhere.
  useEffect(() => {
    if (step.kind === "form") document.getElementById(formId)?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    if (step.kind === "reveal") document.getElementById(reveal.focusId)?.focus();
  }, [step.kind, formId, reveal.focusId]);

  const close = () => setStep({ kind: "closed" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const result = await onSubmit(new FormData(event.currentTarget));
    if (result !== null) setStep({ kind: "reveal", result });
  }

  return (
    <>
      <Button
        icon={trigger.icon}
        onClick={() => {
          onOpen();
          setStep({ kind: "form" });
        }}
      >
        {trigger.label}
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={close}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? reveal.title(step.result) : title}
        description={step.kind === "reveal" ? reveal.description : description}
        className="max-w-xl"
        footer={
          step.kind === "reveal" ? (
            <Button
              key="done"
              onClick={() => {
                close();
                reveal.onDone?.(step.result);
              }}
            >
              I&apos;ve stored it
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form={formId} loading={pending}>
                {pending ? pendingLabel : submitLabel}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          reveal.body(step.result)
        ) : (
          <form id={formId} noValidate onSubmit={submit} className="flex flex-col gap-4">
            {fields}
          </form>
        )}
      </Dialog>
    </>
  );
}
