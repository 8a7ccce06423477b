import { z } from "zod";
import { AccountReference, AuthenticationObject, ChallengeData, ConsentStatus, Links, PsuMessage, ScaStatus, TppMessage } from "./common";

const AllAccounts = z.enum(["allAccounts", "allAccountsWithOwnerName"]);

/** At most this many accounts per list of one consent. */
export const MAX_BG_CONSENT_ACCOUNTS = 50;

const References = z.array(AccountReference).max(MAX_BG_CONSENT_ACCOUNTS);

export const AccountAccess = z
  .object({
    accounts: References.optional().describe(
      "Accounts whose details the TPP may read (accounts named under balances or transactions are included).",
    ),
    balances: References.optional().describe("Accounts whose balances the TPP may read."),
    transactions: References.optional().describe("Accounts whose transactions the TPP may read."),
    additionalInformation: z
      .object({ ownerName: References.optional(), trustedBeneficiaries: References.optional() })
      .optional()
      .describe("`ownerName`: accounts whose owner's name is shown."),
    availableAccounts: AllAccounts.optional().describe("Only the list of the PSU's accounts (the PSU picks them on the bank's page)."),
    availableAccountsWithBalance: AllAccounts.optional().describe("The list of the PSU's accounts with their balances."),
    allPsd2: AllAccounts.optional().describe("Details, balances and transactions of all the PSU's payment accounts."),
    restrictedTo: z.array(z.string().max(4)).max(10).optional().describe("Only accounts of these cash account types (CACC, SVGS)."),
  })
  .meta({
    id: "accountAccess",
    description:
      "What the consent gives access to. Name accounts by IBAN, or send `accounts`, `balances` and `transactions` as empty lists for a bank-offered consent (the PSU picks the accounts on the bank's page; not with EMBEDDED).",
  });

export const ConsentsBody = z
  .object({
    access: AccountAccess,
    recurringIndicator: z.boolean().describe("`true` for recurring access, `false` for one access."),
    validUntil: z.iso
      .date()
      .describe("Last day (inclusive) of the consent, sandbox clock. Later than 90 days ahead, or `9999-12-31`, means 90 days."),
    frequencyPerDay: z
      .number()
      .int()
      .min(1)
      .max(100)
      .describe("Accesses per account and endpoint per day without the PSU (calls without PSU-IP-Address); `1` for a one-off consent."),
    combinedServiceIndicator: z.boolean().describe("Whether a payment is initiated in the same session (recorded; no effect here)."),
  })
  .meta({ id: "consents" });

export type ConsentsInput = z.infer<typeof ConsentsBody>;

export const ConsentsResponse201 = z
  .object({
    consentStatus: ConsentStatus,
    consentId: z.string().max(64),
    scaMethods: z.array(AuthenticationObject).max(10).optional(),
    chosenScaMethod: AuthenticationObject.optional(),
    challengeData: ChallengeData.optional(),
    _links: Links,
    psuMessage: PsuMessage.optional(),
    tppMessages: z.array(TppMessage).max(10).optional(),
    scaStatus: ScaStatus.optional(),
  })
  .meta({ id: "consentsResponse-201" });

export const ConsentInformation = z
  .object({
    access: AccountAccess,
    recurringIndicator: z.boolean(),
    validUntil: z.iso.date(),
    frequencyPerDay: z.number().int().min(1).max(100),
    lastActionDate: z.iso.date(),
    consentStatus: ConsentStatus,
    _links: Links.optional(),
  })
  .meta({ id: "consentInformationResponse-200_json" });

export const ConsentStatusResponse = z
  .object({ consentStatus: ConsentStatus, psuMessage: PsuMessage.optional() })
  .meta({ id: "consentStatusResponse-200" });
