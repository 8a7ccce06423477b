import { z } from "zod";
import { ActiveOrHistoricCurrencyCode, ISODateTime, OBProxy1, OBStatusReason, text } from "./ob-common";
import { Links, OBActiveCurrencyAndAmount_SimpleType, SchemeName } from "./vrp-cof-common";

/**
 * UK Open Banking 4.0 Confirmation of Funds (uk-ob-confirmation-funds-4.0.yaml): the bodies of
 * funds-confirmation-consents and funds-confirmations, named as the document names them.
 */

const CofDebtorAccount = z.object({
  SchemeName,
  Identification: text(1, 256),
  Name: text(1, 350).optional(),
  SecondaryIdentification: text(1, 34).optional(),
  Proxy: OBProxy1.optional(),
});

const InstructedAmount = z.object({ Amount: OBActiveCurrencyAndAmount_SimpleType, Currency: ActiveOrHistoricCurrencyCode });

const CofMeta = z.strictObject({
  TotalPages: z.number().int().min(0).max(2_147_483_647).optional(),
  FirstAvailableDateTime: ISODateTime.optional(),
  LastAvailableDateTime: ISODateTime.optional(),
});

export const OBFundsConfirmationConsent1 = z
  .strictObject({
    Data: z.object({
      ExpirationDateTime: ISODateTime.optional().describe("When the consent ends (sandbox clock); open-ended when absent."),
      DebtorAccount: CofDebtorAccount.describe(
        "The account whose funds will be confirmed: `UK.OBIE.SortCodeAccountNumber` (14 digits) or `UK.OBIE.IBAN` of one of the sandbox's accounts.",
      ),
    }),
  })
  .meta({ id: "OBFundsConfirmationConsent1" });

export type FundsConfirmationConsentRequest = z.infer<typeof OBFundsConfirmationConsent1>;

export const OBFundsConfirmationConsentResponse1 = z
  .strictObject({
    Data: z.object({
      ConsentId: text(1, 128),
      CreationDateTime: ISODateTime,
      Status: z.enum(["AWAU", "RJCT", "AUTH", "CANC", "EXPD"]),
      StatusReason: z.array(OBStatusReason).max(10).optional(),
      StatusUpdateDateTime: ISODateTime,
      ExpirationDateTime: ISODateTime.optional(),
      DebtorAccount: CofDebtorAccount,
    }),
    Links: Links.optional(),
    Meta: CofMeta.optional(),
  })
  .meta({ id: "OBFundsConfirmationConsentResponse1" });

export type FundsConfirmationConsentResponse = z.infer<typeof OBFundsConfirmationConsentResponse1>;

export const OBFundsConfirmation1 = z
  .strictObject({
    Data: z.object({
      ConsentId: text(1, 128),
      Reference: text(1, 35),
      InstructedAmount,
    }),
  })
  .meta({ id: "OBFundsConfirmation1" });

export const OBFundsConfirmationResponse1 = z
  .strictObject({
    Data: z.object({
      FundsConfirmationId: text(1, 40),
      ConsentId: text(1, 128),
      CreationDateTime: ISODateTime,
      FundsAvailable: z.boolean().describe("Whether the account's available balance (arranged overdraft included) covers the amount."),
      Reference: text(1, 35),
      InstructedAmount,
    }),
    Links: Links.optional(),
    Meta: CofMeta.optional(),
  })
  .meta({ id: "OBFundsConfirmationResponse1" });
