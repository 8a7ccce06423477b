"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Code } from "@/components/ui/code";
import { Button } from "@/components/ui/button";
import { FieldError, FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import type { ClientAuthMethod, ClientProfile } from "@/lib/oauth-clients/client-profile";
import type { OAuthClientDto } from "@/lib/oauth-clients/oauth-client-dto";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

type KeySource = "none" | "jwks" | "jwks_uri";

const PROFILES: { value: ClientProfile; label: string; hint: string }[] = [
  {
    value: "basic",
    label: "Basic (PKCE)",
    hint: "Authorization code with PKCE; the client authenticates with its secret or a signed JWT.",
  },
  {
    value: "fapi2",
    label: "FAPI 2.0",
    hint: "What regulated banks test against: pushed authorization requests, private_key_jwt and DPoP-bound tokens.",
  },
];

const AUTH_METHODS: { value: ClientAuthMethod; label: string; hint: string }[] = [
  { value: "client_secret_basic", label: "Client secret", hint: "client_secret_basic or client_secret_post." },
  { value: "private_key_jwt", label: "Private key JWT", hint: "A JWT signed with one of your keys (RFC 7523)." },
];

const KEY_SOURCES: { value: KeySource; label: string }[] = [
  { value: "none", label: "No keys" },
  { value: "jwks", label: "Paste a JWKS" },
  { value: "jwks_uri", label: "JWKS URI" },
];

const choice =
  "flex cursor-pointer items-start gap-3 rounded-control border border-border px-3 py-2.5 has-checked:border-primary has-checked:bg-primary-soft/40 has-disabled:cursor-default";

/** The server's pointers under /body/jwks, in words: "Key 1 (kid sig-1), d: …". */
function describeKeyProblem(pointer: string, detail: string, keys: { kid?: unknown }[]): string {
  const match = /^jwks\/keys\/(\d+)(?:\/(\w+))?$/.exec(pointer);
  if (!match) return detail;
  const index = Number(match[1]);
  const kid = typeof keys[index]?.kid === "string" ? ` (${keys[index].kid})` : "";
  return `Key ${index + 1}${kid}${match[2] ? `, ${match[2]}` : ""}: ${detail}`;
}

/**
 * The app's security profile, how its client authenticates, its public keys and UK message signing. The server
 * validates everything (down to a key's members); errors show at their field.
 */
export function SecurityProfileForm({ appId, client, canEdit }: { appId: string; client: OAuthClientDto; canEdit: boolean }) {
  const router = useRouter();
  const action = useApiAction();
  const [profile, setProfile] = useState<ClientProfile>(client.profile);
  const [authMethod, setAuthMethod] = useState<ClientAuthMethod>(client.token_endpoint_auth_method);
  const [source, setSource] = useState<KeySource>(client.jwks ? "jwks" : client.jwks_uri ? "jwks_uri" : "none");
  const [jwksText, setJwksText] = useState(client.jwks ? JSON.stringify(client.jwks, null, 2) : "");
  const [jwksUri, setJwksUri] = useState(client.jwks_uri ?? "");
  const [messageSigning, setMessageSigning] = useState(client.message_signing);
  const [jsonError, setJsonError] = useState<string>();
  const [submittedKeys, setSubmittedKeys] = useState<{ kid?: unknown }[]>([]);
  const [saved, setSaved] = useState(false);
  const disabled = !canEdit;

  const fields = Object.entries(action.fields);
  const fieldError = (name: string) =>
    fields
      .filter(([pointer]) => pointer === name || pointer.startsWith(`${name}/`))
      .map(([pointer, detail]) => describeKeyProblem(pointer, detail, submittedKeys))
      .join(" ") || undefined;
  const otherErrors = fields.filter(
    ([pointer]) => !/^(profile|token_endpoint_auth_method|jwks|jwks_uri|message_signing)(\/|$)/.test(pointer),
  );
  const formError = action.error ?? (otherErrors.length ? otherErrors.map(([, detail]) => detail).join(" ") : undefined);

  function changed() {
    setSaved(false);
    setJsonError(undefined);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    changed();
    let jwks: { keys: Record<string, unknown>[] } | null = null;
    if (source === "jwks") {
      try {
        jwks = JSON.parse(jwksText);
      } catch {
        setJsonError('Not valid JSON: paste a JWK Set such as {"keys": [{"kty": "EC", "kid": "…", …}]}');
        return;
      }
      setSubmittedKeys(Array.isArray(jwks?.keys) ? jwks.keys : []);
    }
    const done = await action.run(() =>
      portalApi.PUT("/api/apps/{appId}/oauth-client/settings", {
        params: { path: { appId } },
        body: {
          profile,
          token_endpoint_auth_method: authMethod,
          jwks: jwks as never,
          jwks_uri: source === "jwks_uri" ? jwksUri.trim() : null,
          message_signing: messageSigning,
        },
      }),
    );
    if (!done) return;
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="security-profile-form">
      {formError && <Alert tone="error">{formError}</Alert>}
      <fieldset className="flex flex-col gap-2" aria-describedby={fieldError("profile") ? "security-profile-error" : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-fg">Profile</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {PROFILES.map((option) => (
            <label key={option.value} className={choice}>
              <input
                type="radio"
                name="profile"
                value={option.value}
                checked={profile === option.value}
                disabled={disabled}
                onChange={() => {
                  setProfile(option.value);
                  // FAPI 2.0 allows only private_key_jwt: choose it for them.
                  if (option.value === "fapi2") setAuthMethod("private_key_jwt");
                  changed();
                }}
                className="mt-1 accent-primary"
              />
              <span className="flex flex-col">
                <span className="text-sm font-medium text-fg">{option.label}</span>
                <span className="text-sm text-fg-muted">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="security-profile-error">{fieldError("profile")}</FieldError>
      </fieldset>

      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={fieldError("token_endpoint_auth_method") ? "auth-method-error" : undefined}
      >
        <legend className="mb-1.5 text-sm font-medium text-fg">Client authentication</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {AUTH_METHODS.map((option) => {
            const ruledOut = profile === "fapi2" && option.value !== "private_key_jwt";
            return (
              <label key={option.value} className={choice}>
                <input
                  type="radio"
                  name="token_endpoint_auth_method"
                  value={option.value}
                  checked={authMethod === option.value}
                  disabled={disabled || ruledOut}
                  onChange={() => (setAuthMethod(option.value), changed())}
                  className="mt-1 accent-primary"
                />
                <span className="flex flex-col">
                  <span className="text-sm font-medium text-fg">{option.label}</span>
                  <span className="text-sm text-fg-muted">{ruledOut ? "Not allowed under FAPI 2.0." : option.hint}</span>
                </span>
              </label>
            );
          })}
        </div>
        <FieldError id="auth-method-error">{fieldError("token_endpoint_auth_method")}</FieldError>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1.5 text-sm font-medium text-fg">Public keys</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2" role="radiogroup" aria-label="Where the bank finds your public keys">
          {KEY_SOURCES.map((option) => (
            <label key={option.value} className="flex cursor-pointer items-center gap-2 text-sm text-fg has-disabled:cursor-default">
              <input
                type="radio"
                name="key_source"
                value={option.value}
                checked={source === option.value}
                disabled={disabled}
                onChange={() => (setSource(option.value), changed())}
                className="accent-primary"
              />
              {option.label}
            </label>
          ))}
        </div>
        {source === "jwks" && (
          <FormField
            id="client-jwks"
            label="JWKS"
            hint="Public keys only (no d, p, q…): RSA of 2048 bits or more, EC P-256 or Ed25519, each with a unique kid. At most 10 keys."
            error={jsonError ?? fieldError("jwks")}
          >
            {(control) => (
              <Textarea
                {...control}
                name="jwks"
                rows={7}
                value={jwksText}
                readOnly={disabled}
                spellCheck={false}
                onChange={(event) => (setJwksText(event.target.value), changed())}
                className="font-mono text-xs"
                placeholder={'{\n  "keys": [{ "kty": "EC", "crv": "P-256", "kid": "sig-1", "x": "…", "y": "…" }]\n}'}
              />
            )}
          </FormField>
        )}
        {source === "jwks_uri" && (
          <FormField
            id="client-jwks-uri"
            label="JWKS URI"
            hint="The bank fetches your keys here: https, on a public address."
            error={fieldError("jwks_uri")}
          >
            {(control) => (
              <Input
                {...control}
                name="jwks_uri"
                type="url"
                value={jwksUri}
                readOnly={disabled}
                spellCheck={false}
                onChange={(event) => (setJwksUri(event.target.value), changed())}
                className="font-mono text-xs"
                placeholder="https://yourapp.example/.well-known/jwks.json"
              />
            )}
          </FormField>
        )}
        {source === "none" && <FieldError>{fieldError("jwks")}</FieldError>}
        {source !== "jwks_uri" && fieldError("jwks_uri") && <FieldError>{fieldError("jwks_uri")}</FieldError>}
      </fieldset>

      <fieldset className="flex flex-col gap-2" aria-describedby={fieldError("message_signing") ? "message-signing-error" : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-fg">UK Open Banking</legend>
        <label className={choice}>
          <input
            type="checkbox"
            name="message_signing"
            checked={messageSigning}
            disabled={disabled}
            onChange={(event) => (setMessageSigning(event.target.checked), changed())}
            className="mt-1 size-4 accent-primary"
          />
          <span className="flex flex-col">
            <span className="text-sm font-medium text-fg">Sign payment messages</span>
            <span className="text-sm text-fg-muted">
              Payment requests must carry <Code className="whitespace-nowrap">x-jws-signature</Code>: a detached PS256 JWS of the body, made
              with one of your RSA keys. The bank then signs its answers to you with its PS256 key, published in{" "}
              <Code className="whitespace-nowrap">/oauth/jwks</Code>.
            </span>
          </span>
        </label>
        <FieldError id="message-signing-error">{fieldError("message_signing")}</FieldError>
      </fieldset>

      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary" loading={action.pending}>
            Save security settings
          </Button>
          {saved && (
            <Alert tone="success" className="py-1.5" role="status">
              Saved. The bank applies them from the next request.
            </Alert>
          )}
        </div>
      )}
    </form>
  );
}
