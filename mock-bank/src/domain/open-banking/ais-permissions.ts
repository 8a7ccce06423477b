import type { AisPermissionName } from "../../schemas/open-banking/ais-consent";
import { ObError } from "./ob-errors";

/**
 * The Account and Transaction API profile's rules for a consent's Permissions (4.0, "Consent
 * Elements"): the combinations an ASPSP must refuse with a 400. Duplicates, and a Basic code next to
 * its Detail code, are not errors.
 */
export function checkAisPermissions(permissions: readonly AisPermissionName[]): void {
  const has = (code: AisPermissionName) => permissions.includes(code);
  const refuse = (message: string) => new ObError(400, "UK.OBIE.Field.Invalid", message, "Data.Permissions");
  if (!has("ReadAccountsBasic") && !has("ReadAccountsDetail"))
    throw refuse("Permissions must contain ReadAccountsBasic or ReadAccountsDetail.");
  const level = has("ReadTransactionsBasic") || has("ReadTransactionsDetail");
  const direction = has("ReadTransactionsCredits") || has("ReadTransactionsDebits");
  if (level && !direction)
    throw refuse("ReadTransactionsBasic and ReadTransactionsDetail need ReadTransactionsCredits and/or ReadTransactionsDebits.");
  if (direction && !level)
    throw refuse("ReadTransactionsCredits and ReadTransactionsDebits need ReadTransactionsBasic or ReadTransactionsDetail.");
}

/** What one granted set of permissions lets a call see: a Detail code implies its Basic code. */
export class AisGrant {
  private readonly codes: ReadonlySet<AisPermissionName>;

  constructor(permissions: readonly AisPermissionName[]) {
    this.codes = new Set(permissions);
  }

  has(code: AisPermissionName): boolean {
    return this.codes.has(code);
  }

  /** Any of these codes. */
  hasAny(codes: readonly AisPermissionName[]): boolean {
    return codes.some((code) => this.codes.has(code));
  }

  get accountsDetail() {
    return this.has("ReadAccountsDetail");
  }
  get beneficiariesDetail() {
    return this.has("ReadBeneficiariesDetail");
  }
  get standingOrdersDetail() {
    return this.has("ReadStandingOrdersDetail");
  }
  get scheduledPaymentsDetail() {
    return this.has("ReadScheduledPaymentsDetail");
  }
  get statementsDetail() {
    return this.has("ReadStatementsDetail");
  }
  get transactionsDetail() {
    return this.has("ReadTransactionsDetail");
  }
  /** Which transactions a call may see: credits, debits or both (the profile's Credits/Debits codes). */
  get transactionDirections(): { credits: boolean; debits: boolean } {
    return { credits: this.has("ReadTransactionsCredits"), debits: this.has("ReadTransactionsDebits") };
  }
}

/** The permission codes that open each kind of resource (any one of them). */
export const RESOURCE_PERMISSIONS = {
  accounts: ["ReadAccountsBasic", "ReadAccountsDetail"],
  balances: ["ReadBalances"],
  beneficiaries: ["ReadBeneficiariesBasic", "ReadBeneficiariesDetail"],
  directDebits: ["ReadDirectDebits"],
  standingOrders: ["ReadStandingOrdersBasic", "ReadStandingOrdersDetail"],
  scheduledPayments: ["ReadScheduledPaymentsBasic", "ReadScheduledPaymentsDetail"],
  transactions: ["ReadTransactionsBasic", "ReadTransactionsDetail"],
  statements: ["ReadStatementsBasic", "ReadStatementsDetail"],
  statementFile: ["ReadStatementsDetail"],
  products: ["ReadProducts"],
  offers: ["ReadOffers"],
  accountParty: ["ReadParty"],
  psuParty: ["ReadPartyPSU"],
} as const satisfies Record<string, readonly AisPermissionName[]>;

export type AisResource = keyof typeof RESOURCE_PERMISSIONS;
