import { z } from "zod";
import { ObLinks, ObMeta } from "./ais-common";
import { ISODateTime } from "./ob-common";

/** OBReadConsent1's permission codes (OBInternalPermissions1Code, 4.0), all supported by the sandbox. */
export const AIS_PERMISSIONS = [
  "ReadAccountsBasic",
  "ReadAccountsDetail",
  "ReadBalances",
  "ReadBeneficiariesBasic",
  "ReadBeneficiariesDetail",
  "ReadDirectDebits",
  "ReadOffers",
  "ReadPAN",
  "ReadParty",
  "ReadPartyPSU",
  "ReadProducts",
  "ReadScheduledPaymentsBasic",
  "ReadScheduledPaymentsDetail",
  "ReadStandingOrdersBasic",
  "ReadStandingOrdersDetail",
  "ReadStatementsBasic",
  "ReadStatementsDetail",
  "ReadTransactionsBasic",
  "ReadTransactionsCredits",
  "ReadTransactionsDebits",
  "ReadTransactionsDetail",
] as const;

export type AisPermissionName = (typeof AIS_PERMISSIONS)[number];

export const AisPermission = z.enum(AIS_PERMISSIONS);

/** OBRisk2: no fields are defined for account information; an empty object. */
const Risk = z.strictObject({}).describe("OBRisk2: empty for account information.");

export const OBReadConsent1 = z
  .strictObject({
    Data: z.strictObject({
      Permissions: z
        .array(AisPermission)
        .min(1)
        .max(64)
        .describe(
          "The data clusters the customer is asked to share. Must hold ReadAccountsBasic or ReadAccountsDetail; ReadTransactionsBasic/Detail need ReadTransactionsCredits and/or ReadTransactionsDebits, and those need Basic or Detail.",
        ),
      ExpirationDateTime: ISODateTime.optional().describe(
        "When access ends (sandbox clock); open-ended when absent. Must be in the future.",
      ),
      TransactionFromDateTime: ISODateTime.optional().describe("The earliest booking date-time of transactions and statements shared."),
      TransactionToDateTime: ISODateTime.optional().describe("The latest booking date-time of transactions and statements shared."),
    }),
    Risk: Risk.optional(),
  })
  .meta({ id: "OBReadConsent1" });

export type ReadConsentInput = z.infer<typeof OBReadConsent1>;

export const OBReadConsentResponse1 = z
  .strictObject({
    Data: z.strictObject({
      ConsentId: z.string().min(1).max(128),
      CreationDateTime: ISODateTime,
      Status: z
        .enum(["AWAU", "RJCT", "AUTH", "EXPD", "CANC"])
        .describe(
          "AWAU awaiting authorisation, AUTH authorised, RJCT rejected by the customer, CANC revoked (by the app's DELETE, the customer's connected-apps page or the developer), EXPD past its ExpirationDateTime on the sandbox clock.",
        ),
      StatusReason: z
        .array(
          z.strictObject({
            StatusReasonCode: z.string().min(1).max(4).optional(),
            StatusReasonDescription: z.string().min(1).max(500).optional(),
            Path: z.string().min(1).max(500).optional(),
          }),
        )
        .optional(),
      StatusUpdateDateTime: ISODateTime,
      Permissions: z.array(AisPermission).min(1),
      ExpirationDateTime: ISODateTime.optional(),
      TransactionFromDateTime: ISODateTime.optional(),
      TransactionToDateTime: ISODateTime.optional(),
    }),
    Risk,
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBReadConsentResponse1" });

export type ReadConsentResponse = z.infer<typeof OBReadConsentResponse1>;
