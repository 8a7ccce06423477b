"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * A new address: the server emails it a link and tells the current one. It asks the developer to
 * confirm it's them first (step-up, through `useApiAction`), and nothing changes until the link
 * is opened, which the message says.
 */
export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const { run, pending, error, fields } = useApiAction();
  const [pendingEmail, setPendingEmail] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPendingEmail(undefined);
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    const done = await run(() => portalApi.POST("/api/account/email", { body: { email } }));
    if (!done) {
      input.current?.focus();
      return;
    }
    setPendingEmail(done.data.pending_email);
    form.current?.reset();
    router.refresh();
  }

  return (
    <form ref={form} method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Change email address">
      {error && <Alert tone="error">{error}</Alert>}
      {pendingEmail && (
        <Alert tone="success" title={`Check the inbox of ${pendingEmail}`}>
          Open the link we sent there within 24 hours to make the change. Until then you sign in with {currentEmail}, and we have told that
          address about the request.
        </Alert>
      )}
      <FormField
        id="change-email"
        label="New email address"
        hint="We send a link to the new address; your address changes when you open it. You may be asked to confirm it's you."
        error={fields.email}
      >
        {(control) => (
          <Input
            {...control}
            ref={input}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            className="sm:max-w-md"
            required
          />
        )}
      </FormField>
      <div>
        <Button type="submit" loading={pending}>
          {pending ? "Sending link…" : "Send confirmation link"}
        </Button>
      </div>
    </form>
  );
}
