import { AppError } from "@openbank/contracts/errors";
import type { AisPermissionName } from "../../schemas/open-banking/ais-consent";
import { tokenChallenge } from "../oauth/authenticate-access-token";
import type { StandardCaller } from "../oauth/authenticate-standard-token";
import { AisGrant, RESOURCE_PERMISSIONS, type AisResource } from "./ais-permissions";
import { detailsOf } from "./account-access-consent-dto";
import { ObError } from "./ob-errors";

/** What an authorised AIS call may read: the customer, the accounts they chose, the permissions and the transaction period. */
export type AisCall = {
  consentId: string;
  customerId: string;
  /** The accounts the customer chose, in id order. */
  accountIds: string[];
  grant: AisGrant;
  /** TransactionFromDateTime / TransactionToDateTime of the consent. */
  window: { from?: Date; to?: Date };
};

/**
 * The consent behind a customer's token, judged for one AIS resource, in the order the Read/Write
 * Data API profile gives: a revoked (CANC) or expired (EXPD, tenant clock) consent's token is no
 * longer valid (401, no body); a consent of another kind, or one not authorised, is 403; then the
 * permission the resource needs and the account named in the path (403 UK.OBIE.Resource.ConsentMismatch).
 */
export function authorizeAisCall(options: {
  caller: StandardCaller | null;
  tenantNow: Date;
  resource: AisResource;
  accountId?: string;
}): AisCall {
  const { caller, tenantNow, resource, accountId } = options;
  if (caller?.kind !== "consent") throw new AppError("insufficient_scope", "This endpoint needs the customer's access token.");
  const consent = caller.consent;
  const challenge = { headers: tokenChallenge(caller.dpopBound, 'error="invalid_token"') };
  if (consent.kind !== "account_access")
    throw new ObError(
      403,
      "UK.OBIE.Resource.ConsentMismatch",
      `This access token belongs to a ${consent.kind.replaceAll("_", " ")} consent, not an account-access-consent.`,
    );
  if (consent.status === "revoked" || consent.status === "consumed")
    throw new AppError("consent_revoked", `Consent ${consent.id} was revoked (CANC); its tokens no longer work.`, challenge);
  if (consent.status !== "authorised" || !consent.customerId)
    throw new ObError(
      403,
      "UK.OBIE.Resource.InvalidConsentStatus",
      `Consent ${consent.id} is ${consent.status === "rejected" ? "rejected (RJCT)" : "awaiting authorisation (AWAU)"}: only an authorised consent reaches account data.`,
    );
  if (consent.expiresAt <= tenantNow)
    throw new AppError(
      "consent_expired",
      `Consent ${consent.id} expired (EXPD) at ${consent.expiresAt.toISOString()} on the sandbox clock; ask the customer to authorise a new one.`,
      challenge,
    );

  const { Data } = detailsOf(consent);
  const grant = new AisGrant(JSON.parse(consent.permissions) as AisPermissionName[]);
  const needed = RESOURCE_PERMISSIONS[resource];
  if (!grant.hasAny(needed))
    throw new ObError(
      403,
      "UK.OBIE.Resource.ConsentMismatch",
      `The consent does not grant ${needed.join(" or ")}, which this resource needs.`,
      "Data.Permissions",
    );
  const accountIds = (JSON.parse(consent.accountIds) as string[]).slice().sort();
  if (accountId !== undefined && !accountIds.includes(accountId))
    throw new ObError(
      403,
      "UK.OBIE.Resource.ConsentMismatch",
      `Account ${accountId} is not one the customer shared in this consent.`,
      "AccountId",
    );
  return {
    consentId: consent.id,
    customerId: consent.customerId,
    accountIds,
    grant,
    window: {
      from: Data.TransactionFromDateTime ? new Date(Data.TransactionFromDateTime) : undefined,
      to: Data.TransactionToDateTime ? new Date(Data.TransactionToDateTime) : undefined,
    },
  };
}
