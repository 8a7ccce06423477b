"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatDate, formatExact, formatRelative } from "@/components/dashboard/format-time";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { IconFingerprint } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { PasskeyDto } from "@/lib/passkeys/passkey-dto";
import { passkeyErrorMessage, useWebAuthnSupport } from "@/lib/passkeys/passkey-browser";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi, useApiAction } from "@/lib/portal-api/use-api-action";
import { describeDevice } from "@/lib/sessions/describe-device";

/**
 * The developer's passkeys: each with its name, when it was added and last used, and whether a
 * password manager syncs it or it lives on one device; add (the browser's own prompt), rename,
 * remove. A passkey signs in alone, and counts as the second factor after a password.
 */
export function PasskeysSection({ passkeys, now }: { passkeys: PasskeyDto[]; now: number }) {
  const supported = useWebAuthnSupport();
  return (
    <Card role="region" aria-labelledby="passkeys-title">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <CardTitle id="passkeys-title">Passkeys</CardTitle>
            <CardDescription>
              Sign in with your fingerprint, face or screen lock instead of a password. A passkey only works on this site, so it can&apos;t
              be phished, and it counts as your second factor.
            </CardDescription>
          </div>
          {passkeys.length > 0 && supported && <AddPasskeyButton variant="secondary" />}
        </div>
      </CardHeader>
      <CardBody className="flex flex-col gap-4">
        {!supported && (
          <Alert tone="info" role="note">
            This browser can&apos;t make passkeys. Open this page in a current Chrome, Safari, Edge or Firefox to add one.
          </Alert>
        )}
        {passkeys.length === 0 ? (
          <EmptyState
            icon={<IconFingerprint size={22} />}
            title="No passkeys yet"
            action={supported ? <AddPasskeyButton variant="primary" /> : undefined}
            className="py-10"
          >
            Add one to sign in without typing a password: your device asks for your fingerprint, face or PIN.
          </EmptyState>
        ) : (
          <ul aria-label="Your passkeys" data-testid="passkey-list" className="divide-y divide-border rounded-control border border-border">
            {passkeys.map((passkey) => (
              <li key={passkey.id} data-passkey-id={passkey.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="flex min-w-0 items-start gap-3">
                  <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-primary-soft text-primary-soft-fg">
                    <IconFingerprint size={18} />
                  </span>
                  <div className="flex min-w-0 flex-col gap-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium break-all text-fg">{passkey.name}</span>
                      {passkey.synced ? (
                        <Badge tone="info" title="Kept by a password manager and available on your other devices">
                          Synced
                        </Badge>
                      ) : (
                        <Badge title="Lives on one device or security key only">Device-bound</Badge>
                      )}
                    </div>
                    <p className="text-xs text-fg-muted">
                      Added{" "}
                      <time dateTime={passkey.created_at} title={formatExact(passkey.created_at)}>
                        {formatDate(passkey.created_at)}
                      </time>
                      {" · "}
                      {passkey.last_used_at ? (
                        <>
                          Last used{" "}
                          <time dateTime={passkey.last_used_at} title={formatExact(passkey.last_used_at)}>
                            {formatRelative(passkey.last_used_at, now)}
                          </time>
                        </>
                      ) : (
                        "Never used"
                      )}
                    </p>
                  </div>
                </div>
                <div className="flex shrink-0 gap-2">
                  <RenamePasskeyButton passkey={passkey} />
                  <ActionDialog
                    label="Remove"
                    ariaLabel={`Remove passkey ${passkey.name}`}
                    variant="secondary"
                    title={`Remove “${passkey.name}”?`}
                    confirmLabel="Remove passkey"
                    pendingLabel="Removing…"
                    action={() => portalApi.DELETE("/api/account/passkeys/{passkeyId}", { params: { path: { passkeyId: passkey.id } } })}
                  >
                    <p>It stops signing in to this portal at once. Delete it from your device or password manager too.</p>
                  </ActionDialog>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

/** "Add a passkey": a name, then the browser's prompt, then the portal checks and stores it. */
function AddPasskeyButton({ variant }: { variant: "primary" | "secondary" }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setFields({ name: "Name the passkey, e.g. the device or the password manager that keeps it" });
      return;
    }
    setPending(true);
    setError(undefined);
    setFields({});
    const options = await callApi(() => portalApi.POST("/api/account/passkeys/registration-options"));
    if (!options.ok) {
      setError(options.message);
      setPending(false);
      return;
    }
    let response: Record<string, unknown>;
    try {
      const optionsJSON = options.data.options as Parameters<typeof startRegistration>[0]["optionsJSON"];
      response = (await startRegistration({ optionsJSON })) as unknown as Record<string, unknown>;
    } catch (failure) {
      setError(passkeyErrorMessage(failure));
      setPending(false);
      return;
    }
    const saved = await callApi(() =>
      portalApi.POST("/api/account/passkeys", { body: { challenge_id: options.data.challenge_id, response, name: name.trim() } }),
    );
    setPending(false);
    if (!saved.ok) {
      setFields(saved.fields);
      if (Object.keys(saved.fields).length === 0) setError(saved.message);
      return;
    }
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button
        variant={variant}
        icon={<IconFingerprint size={18} />}
        onClick={() => {
          setName(describeDevice(navigator.userAgent));
          setError(undefined);
          setFields({});
          setOpen(true);
        }}
      >
        Add a passkey
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Add a passkey"
        description="Your browser will ask you to create it with your fingerprint, face, screen lock or a security key."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form="add-passkey-form" loading={pending}>
              {pending ? "Waiting for your device…" : "Continue"}
            </Button>
          </>
        }
      >
        <form id="add-passkey-form" noValidate onSubmit={add} className="flex flex-col gap-4">
          <FormField
            id="passkey-name"
            label="Name"
            hint="So you can tell your passkeys apart, e.g. “Work laptop” or “1Password”."
            error={fields.name}
          >
            {(control) => (
              <Input {...control} name="name" value={name} onChange={(event) => setName(event.target.value)} maxLength={60} autoFocus />
            )}
          </FormField>
          {error && <Alert tone="error">{error}</Alert>}
        </form>
      </Dialog>
    </>
  );
}

function RenamePasskeyButton({ passkey }: { passkey: PasskeyDto }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(passkey.name);
  const action = useApiAction();

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await action.run(() =>
      portalApi.PATCH("/api/account/passkeys/{passkeyId}", { params: { path: { passkeyId: passkey.id } }, body: { name: name.trim() } }),
    );
    if (!done) return;
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Rename passkey ${passkey.name}`}
        onClick={() => {
          setName(passkey.name);
          action.reset();
          setOpen(true);
        }}
      >
        Rename
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Rename passkey"
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form={`rename-${passkey.id}`} loading={action.pending}>
              {action.pending ? "Saving…" : "Save"}
            </Button>
          </>
        }
      >
        <form id={`rename-${passkey.id}`} noValidate onSubmit={save} className="flex flex-col gap-4">
          <FormField id={`rename-${passkey.id}-name`} label="Name" error={action.fields.name}>
            {(control) => (
              <Input {...control} name="name" value={name} onChange={(event) => setName(event.target.value)} maxLength={60} autoFocus />
            )}
          </FormField>
          {action.error && <Alert tone="error">{action.error}</Alert>}
        </form>
      </Dialog>
    </>
  );
}
