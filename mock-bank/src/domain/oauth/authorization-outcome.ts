/** What an /oauth/authorize step answers with; the route turns it into HTTP. */
export type AuthorizationOutcome =
  /** Something is wrong before a redirect can be trusted: a bank error page, never a redirect. */
  | { kind: "error_page"; status: number; title: string; message: string; hint?: { description: string; uri: string } | null }
  /** Back to the app's (already verified) redirect URI: a code, or an RFC 6749 §4.1.2.1 error. */
  | { kind: "redirect"; location: string }
  | {
      kind: "login";
      requestId: string;
      appName: string;
      scopes: string[];
      csrf: string;
      error?: string;
      username?: string;
      setCookie?: string;
    }
  | {
      kind: "consent";
      requestId: string;
      appName: string;
      scopes: string[];
      csrf: string;
      customerName: string;
      accounts: ConsentScreenAccount[];
      error?: string;
      /** A standard's consent the app created (UK Open Banking `openbanking_intent_id`): what it asks, how accounts are chosen. */
      intent?: { title: string; lines: string[]; choice: "many" | "one"; expiresAt: string | null };
      /** Sandbox scenario `partial_grant`: the accounts and scopes pre-selected (fewer than asked). */
      partial?: { accountIds: string[]; scopes: string[] };
    }
  /** Scenario `one_time_code`: the code step after the password. */
  | { kind: "code"; action: string; appName: string; csrf: string; error?: string; attemptsLeft: number }
  /** Scenario `decoupled`: waiting for the customer's banking app (the sandbox control). */
  | { kind: "waiting"; appName: string; authenticationId: string; refreshUrl: string }
  /** The sign-in ended without approval: the page says why, and its link takes the browser back to the app. */
  | { kind: "ended"; appName: string; title: string; message: string; continueTo: string | null }
  | { kind: "see_other"; location: string };

export type ConsentScreenAccount = { id: string; name: string; type: string; identifier: string; status: string };

export function errorPage(status: number, title: string, message: string): AuthorizationOutcome {
  return { kind: "error_page", status, title, message };
}

/** The redirect URI with the response parameters added to whatever query it already has. */
export function redirectTo(redirectUri: string, params: Record<string, string | undefined | null>): AuthorizationOutcome {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) url.searchParams.append(name, value);
  return { kind: "redirect", location: url.toString() };
}
