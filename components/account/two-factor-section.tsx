"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconShield, IconSmartphone } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { RecoveryCodes } from "./recovery-codes";

type Enrolment = { secret: string; otpauth_uri: string; qr_code: string };

/** "JBSW Y3DP EHPK …": the key in groups of four, as people copy it by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * The authenticator app (TOTP): set up with a QR code (or the key typed in) and a code that proves
 * the app has it, then the recovery codes shown once; removal confirmed. Sensitive changes ask the
 * developer to confirm it's them (step-up). `RecoveryCodesSection` counts and renews the codes.
 */
export function TwoFactorSection({ email, totpEnabled, passkeys }: { email: string; totpEnabled: boolean; passkeys: number }) {
  return (
    <Card role="region" aria-labelledby="two-factor-title">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle id="two-factor-title">Authenticator app</CardTitle>
          {totpEnabled ? (
            <Badge tone="success" dot>
              On
            </Badge>
          ) : (
            <Badge>Off</Badge>
          )}
        </div>
        <CardDescription>
          A 6-digit code from an app on your phone (1Password, Google Authenticator, Microsoft Authenticator…), asked after your password,
          so a leaked password alone can&apos;t open your account.
        </CardDescription>
      </CardHeader>
      <CardBody className="flex flex-col gap-6">
        {totpEnabled ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="flex items-center gap-2 text-sm text-fg">
              <IconSmartphone size={18} className="text-fg-muted" />
              Sign-in asks for a code from your authenticator app.
            </p>
            <ActionDialog
              label="Remove"
              variant="secondary"
              title="Remove the authenticator app?"
              confirmLabel="Remove authenticator app"
              pendingLabel="Removing…"
              action={() => portalApi.DELETE("/api/account/two-factor/totp")}
            >
              <p>Sign-in will no longer ask for a code from the app, and its key stops working here.</p>
              {passkeys === 0 && (
                <p>You have no passkey, so your recovery codes are deleted too: signing in will need only your password.</p>
              )}
            </ActionDialog>
          </div>
        ) : (
          <TotpEnrolment email={email} />
        )}
      </CardBody>
    </Card>
  );
}

/** "Set up authenticator app": the QR code and key, then a code from the app to turn it on, then the recovery codes. */
function TotpEnrolment({ email }: { email: string }) {
  const router = useRouter();
  const start = useApiAction();
  const confirm = useApiAction();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [codes, setCodes] = useState<string[]>();

  async function begin() {
    const done = await start.run(() => portalApi.POST("/api/account/two-factor/totp"));
    if (!done) return;
    confirm.reset();
    setCodes(undefined);
    setEnrolment(done.data);
  }

  async function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    if (!code) {
      confirm.setError("Enter the 6-digit code your app shows for Open Bank Developers.");
      return;
    }
    const done = await confirm.run(() => portalApi.POST("/api/account/two-factor/totp/confirm", { body: { code } }));
    if (done) setCodes(done.data.recovery_codes);
  }

  function close() {
    setEnrolment(undefined);
    if (codes) {
      setCodes(undefined);
      router.refresh(); // only now: the page's new state replaces this panel
    }
  }

  const codeError = confirm.fields.code ?? confirm.error;

  return (
    <div className="flex flex-col items-start gap-3">
      <Button icon={<IconShield size={18} />} loading={start.pending} onClick={() => void begin()}>
        Set up authenticator app
      </Button>
      {start.error && <Alert tone="error">{start.error}</Alert>}
      <Dialog
        open={enrolment !== undefined}
        onClose={close}
        dismissible={!codes}
        className="max-w-xl"
        title={codes ? "Save your recovery codes" : "Set up your authenticator app"}
        description={codes ? "Two-factor authentication is on." : undefined}
        footer={
          codes ? (
            <Button onClick={close}>I&apos;ve saved my codes</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="totp-confirm-form" loading={confirm.pending}>
                {confirm.pending ? "Turning on…" : "Turn on"}
              </Button>
            </>
          )
        }
      >
        {codes ? (
          <RecoveryCodes codes={codes} email={email} />
        ) : enrolment ? (
          <form id="totp-confirm-form" noValidate onSubmit={onConfirm} className="flex flex-col gap-5 text-sm">
            <ol className="flex flex-col gap-5">
              <li className="flex flex-col gap-3">
                <p className="text-fg">
                  <span className="font-semibold">1. Scan this QR code</span> with your authenticator app.
                </p>
                <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
                  {/* An SVG data URL made by the server: next/image has nothing to optimise. */}
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img
                    src={enrolment.qr_code}
                    alt={`QR code for Open Bank Developers (${email}), for your authenticator app`}
                    width={176}
                    height={176}
                    className="size-44 shrink-0 rounded-control border border-border bg-white p-2"
                  />
                  <div className="flex min-w-0 flex-col gap-1.5">
                    <p className="text-fg-muted">Can&apos;t scan it? Enter this key in the app instead (time-based):</p>
                    <div className="flex items-center gap-2">
                      <code
                        data-testid="totp-secret"
                        className="rounded-control border border-border bg-surface-muted px-2.5 py-1.5 font-mono text-sm break-words text-fg"
                      >
                        {grouped(enrolment.secret)}
                      </code>
                      <CopyButton value={enrolment.secret} label="setup key" variant="secondary" />
                    </div>
                  </div>
                </div>
              </li>
              <li className="flex flex-col gap-3">
                <p className="text-fg">
                  <span className="font-semibold">2. Enter the code</span> the app now shows for Open Bank Developers.
                </p>
                <FormField id="totp-code" label="6-digit code" error={codeError}>
                  {(control) => (
                    <Input
                      {...control}
                      name="code"
                      autoComplete="one-time-code"
                      inputMode="numeric"
                      maxLength={7}
                      spellCheck={false}
                      className="max-w-40 font-mono tracking-widest"
                      autoFocus
                    />
                  )}
                </FormField>
              </li>
            </ol>
          </form>
        ) : null}
      </Dialog>
    </div>
  );
}

/**
 * Recovery codes, for a developer with a second factor (authenticator app or passkey): how many are
 * left, and a new set (every earlier code stops working), shown once.
 */
export function RecoveryCodesSection({ email, left }: { email: string; left: number }) {
  const tone = left === 0 ? "danger" : left <= 3 ? "warning" : "neutral";
  return (
    <Card role="region" aria-labelledby="recovery-codes-title">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle id="recovery-codes-title">Recovery codes</CardTitle>
          <Badge tone={tone} data-testid="recovery-codes-left">
            {left === 0 ? "None" : `${left} of 10 left`}
          </Badge>
        </div>
        <CardDescription>
          {left === 0
            ? "You have no recovery codes. Get a set now: without them, a lost phone or passkey locks you out."
            : "Each one signs you in once if you lose your authenticator app or passkey. Keep them in your password manager."}
        </CardDescription>
      </CardHeader>
      <CardBody>
        <ActionDialog
          label={left === 0 ? "Get recovery codes" : "Get new codes"}
          variant={left <= 3 ? "primary" : "secondary"}
          title="Get new recovery codes?"
          confirmLabel="Get new codes"
          pendingLabel="Generating…"
          confirmVariant="primary"
          className="max-w-xl text-left whitespace-normal"
          action={() => portalApi.POST("/api/account/two-factor/recovery-codes")}
          reveal={{
            title: "Save your new recovery codes",
            render: (data) => <RecoveryCodes codes={data.recovery_codes} email={email} />,
            doneLabel: "I've saved my codes",
          }}
        >
          <p>You get 10 new codes. Every code you have now stops working at once.</p>
        </ActionDialog>
      </CardBody>
    </Card>
  );
}
