import type { BgMessageCode } from "@openbank/contracts/berlin-group-errors";

/** Where the Berlin Group surface is served, as the TPP sees it on the portal's origin (hrefs in `_links`). */
export const BG_BASE = "/berlin-group/v1";

/** A BankConsent's `expiresAt` when the resource has no expiry (payments): left out of every answer. */
export const NO_EXPIRY = new Date("9999-12-31T00:00:00Z");

export type ScaApproach = "REDIRECT" | "DECOUPLED" | "EMBEDDED";

export type Redirects = { ok: string; nok?: string };

/** What one authorisation needs besides its row: where REDIRECT returns, and the wrong guesses so far. */
export type AuthorisationState = {
  redirect?: Redirects;
  failures?: number;
  /** The sandbox authentication scenario the PSU logged in with on the bank's page. */
  scenario?: string;
  /** Wrong one-time codes so far (scenario `one_time_code`). */
  codeFailures?: number;
  /** The decoupled sign-in the page waits on (scenario `decoupled`). */
  authenticationId?: string;
  /** Why the authorisation failed on the bank's page (its `psuMessage`). */
  failureMessage?: string;
};

/** The result of one payment of a (bulk) payment resource once executed. */
export type ExecutionResult = { paymentId: string } | { error: { code: BgMessageCode; text: string } };

/**
 * The bank's bookkeeping of a Berlin Group consent or payment resource, kept beside the standard's
 * body in `BankConsent.details` (under `_sandbox`, never answered): the TPP's redirect URIs and
 * PSU-ID at creation, each authorisation's state, the day's accesses without the PSU
 * (`frequencyPerDay`), the last action, and for payments why they were rejected and what executed.
 */
export type BgState = {
  /** Payments: `/payments/sepa-credit-transfers`, `/bulk-payments/…`: where the resource lives under BG_BASE. */
  resourcePath?: string;
  redirect?: Redirects;
  psuId?: string;
  authorisations?: Record<string, AuthorisationState>;
  usage?: { day: string; counts: Record<string, number> };
  lastActionDate?: string;
  rejection?: { code: BgMessageCode; text: string };
  results?: ExecutionResult[];
};

export type BgDetails<T> = { body: T; state: BgState };

/** `details` → the standard's body as accepted, and the bank's state. */
export function readDetails<T>(details: string | null): BgDetails<T> {
  const parsed = (details ? JSON.parse(details) : {}) as Record<string, unknown>;
  const { _sandbox, ...body } = parsed;
  return { body: body as T, state: (_sandbox ?? {}) as BgState };
}

export function writeDetails<T>(body: T, state: BgState): string {
  return JSON.stringify({ ...body, _sandbox: state });
}

/** The tenant clock's calendar day, as the standard's dates are written. */
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * NextGenPSD2's consent status from our lifecycle: `expired` is derived on the tenant clock; a
 * consent ended by the app (its DELETE, or its developer in the portal) is `terminatedByTpp`, one
 * ended by the customer `revokedByPsu`.
 */
export function bgConsentStatus(
  row: { status: string; expiresAt: Date; revokedBy: string | null },
  tenantNow: Date,
): "received" | "rejected" | "valid" | "revokedByPsu" | "expired" | "terminatedByTpp" {
  switch (row.status) {
    case "revoked":
      return row.revokedBy === "customer" ? "revokedByPsu" : "terminatedByTpp";
    case "rejected":
      return "rejected";
    case "consumed":
      return "expired";
    case "authorised":
      return row.expiresAt <= tenantNow ? "expired" : "valid";
    default:
      return row.expiresAt <= tenantNow ? "expired" : "received";
  }
}
