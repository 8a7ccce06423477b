"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconKey } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { KeyReveal } from "./key-reveal";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";

type Step = { kind: "closed" } | { kind: "name" } | { kind: "reveal"; secret: string; name: string };

/** "Create key": a name, then the one-time reveal of the new secret in the same dialog. */
export function CreateKeyButton({ appId, portalUrl }: { appId: string; portalUrl: string }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const [pending, setPending] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const nameInput = useRef<HTMLInputElement>(null);

  // The dialog has opened (its effect runs first): start in the name field, not on "Close";
  // once the key exists, on its secret (selected, ready to copy) instead of nowhere.
  useEffect(() => {
    if (step.kind === "name") nameInput.current?.focus();
    if (step.kind === "reveal") document.getElementById("new-key-secret")?.focus();
  }, [step.kind]);

  function open() {
    setNameError(undefined);
    setFormError(undefined);
    setStep({ kind: "name" });
  }

  // Closing forgets the secret: it lives only in this component's state, never in storage.
  function close() {
    setStep({ kind: "closed" });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    setNameError(undefined);
    setFormError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/keys`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ name }),
      });
      if (response.status === 201) {
        const created = (await response.json()) as { key: { name: string }; secret: string };
        setStep({ kind: "reveal", secret: created.secret, name: created.key.name });
        router.refresh(); // the new key joins the table behind the dialog
        return;
      }
      const problem = await readProblem(response);
      const { fields } = fieldErrors(problem);
      if (fields.name) setNameError(fields.name);
      else setFormError(problemMessage(problem));
    } catch {
      setFormError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button icon={<IconKey />} onClick={open}>
        Create key
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={close}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? `“${step.name}” is ready` : "Create a sandbox key"}
        description={
          step.kind === "reveal"
            ? "This is the only time the full secret is shown."
            : "A new key for this app. Existing keys keep working until you revoke them."
        }
        className="max-w-xl"
        footer={
          step.kind === "reveal" ? (
            <Button key="done" onClick={close}>
              I&apos;ve stored it
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="create-key-form" loading={pending}>
                {pending ? "Creating…" : "Create key"}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          <div data-testid="key-reveal">
            <KeyReveal secret={step.secret} portalUrl={portalUrl} idPrefix="new-key" />
          </div>
        ) : (
          <form id="create-key-form" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
            {formError && <Alert tone="error">{formError}</Alert>}
            <FormField id="new-key-name" label="Key name" hint="Helps you tell keys apart, e.g. “CI” or “Laptop”." error={nameError}>
              {(control) => <Input {...control} ref={nameInput} name="name" maxLength={60} autoComplete="off" required />}
            </FormField>
          </form>
        )}
      </Dialog>
    </>
  );
}
