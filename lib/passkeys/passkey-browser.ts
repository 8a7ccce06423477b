import { browserSupportsWebAuthn, startAuthentication, WebAuthnError } from "@simplewebauthn/browser";
import { useSyncExternalStore } from "react";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi } from "@/lib/portal-api/use-api-action";

/** A passkey assertion, as the step-up and the sign-in take it. */
export type PasskeyAssertion = { challenge_id: string; response: Record<string, unknown> };

/** What to tell the person when the browser's passkey prompt fails. */
function errorName(error: unknown): string | undefined {
  // @simplewebauthn/browser wraps the DOMException; its cause keeps the browser's name.
  return error instanceof WebAuthnError ? (error.cause as Error | undefined)?.name : (error as Error | undefined)?.name;
}

export function passkeyErrorMessage(error: unknown): string {
  const name = errorName(error);
  if (name === "NotAllowedError" || name === "AbortError")
    return "The passkey prompt was closed or timed out. Try again when you're ready.";
  if (name === "InvalidStateError")
    return "This device already has a passkey for your account: use it, or remove it from the device first.";
  if (name === "SecurityError") return "Passkeys only work on the portal's own address. Open the portal from its usual URL and try again.";
  if (name === "NotSupportedError") return "This browser or device can't make a passkey. Try another browser, or your phone.";
  return (error as Error | undefined)?.message || "The passkey didn't work. Try again.";
}

/**
 * Asks the browser for a passkey: a challenge from the portal, then the browser's prompt. With
 * `autofill`, the prompt is the conditional one (passkeys offered in the email field's suggestions).
 */
export async function requestPasskey(
  purpose: "sign_in" | "step_up",
  options: { autofill?: boolean } = {},
): Promise<{ ok: true; assertion: PasskeyAssertion } | { ok: false; message: string; cancelled: boolean }> {
  const challenge = await callApi(() => portalApi.POST("/api/account/passkeys/challenge", { body: { purpose } }), { stepUp: false });
  if (!challenge.ok) return { ok: false, message: challenge.message, cancelled: false };
  try {
    // The portal's schema spells transports as strings; the browser library's type narrows them.
    const optionsJSON = challenge.data.options as Parameters<typeof startAuthentication>[0]["optionsJSON"];
    const response = await startAuthentication({ optionsJSON, useBrowserAutofill: options.autofill ?? false });
    return { ok: true, assertion: { challenge_id: challenge.data.challenge_id, response: response as unknown as Record<string, unknown> } };
  } catch (error) {
    const name = errorName(error);
    return { ok: false, message: passkeyErrorMessage(error), cancelled: name === "NotAllowedError" || name === "AbortError" };
  }
}

const noSubscription = () => () => {};

/** Whether this browser can use passkeys. The server render assumes it can; a browser that cannot hides the controls once hydrated. */
export function useWebAuthnSupport(): boolean {
  return useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => true);
}
