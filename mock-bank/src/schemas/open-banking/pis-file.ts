import { z } from "zod";
import { ISODateTime } from "./ob-common";
import {
  ObCreditorAgent,
  ObDebtorAccount,
  ObLinks,
  ObLocalInstrument,
  ObMeta,
  ObRemittanceInformation,
  ObSupplementaryData,
  ObUltimateParty,
} from "./pis-common";
import { consentHeadFields, ObDomesticInitiation } from "./pis-domestic";

/**
 * File payments of the UK Open Banking 4.0 Payment Initiation API: a consent for a file of
 * payments (payroll, supplier runs), the file's upload, and its payment.
 */

/** The file type the sandbox reads: a JSON list of domestic payment initiations. */
export const JSON_FILE_TYPE = "UK.OBIE.PaymentInitiation.4.0";

export const ObFileInitiation = z.strictObject({
  FileType: z
    .string()
    .min(1)
    .max(40)
    .describe(
      `\`${JSON_FILE_TYPE}\`: a JSON document \`{"Data":{"DomesticPayments":[…]}}\` of domestic payment initiations (\`UK.OBIE.pain.001.001.08\` is not offered).`,
    ),
  FileHash: z.string().min(1).max(44).describe("The base64 SHA-256 of the file's exact bytes: the upload must match it."),
  FileReference: z.string().min(1).max(40).optional(),
  NumberOfTransactions: z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .optional()
    .describe("How many payments the file holds: the upload must match it."),
  ControlSum: z.number().optional().describe("The total of the file's amounts: the upload must match it."),
  RequestedExecutionDateTime: ISODateTime.optional().describe(
    "When the file's payments leave the debtor account (sandbox clock); at once when left out.",
  ),
  LocalInstrument: ObLocalInstrument.optional(),
  CreditorAgent: ObCreditorAgent.optional(),
  DebtorAccount: ObDebtorAccount.optional(),
  UltimateDebtor: ObUltimateParty.optional(),
  RemittanceInformation: ObRemittanceInformation.optional(),
  SupplementaryData: ObSupplementaryData.optional(),
});
export type ObFileInitiationInput = z.infer<typeof ObFileInitiation>;

const consentData = {
  Authorisation: z.strictObject({ AuthorisationType: z.enum(["Any", "Single"]), CompletionDateTime: ISODateTime.optional() }).optional(),
  SCASupportData: z
    .object({
      RequestedSCAExemptionType: z
        .enum(["BillPayment", "ContactlessTravel", "EcommerceGoods", "EcommerceServices", "Kiosk", "Parking", "PartyToParty"])
        .optional(),
      AppliedAuthenticationApproach: z.enum(["CA", "SCA"]).optional(),
      ReferencePaymentOrderId: z.string().min(1).max(40).optional(),
    })
    .optional(),
};

export const ObWriteFileConsent = z
  .strictObject({ Data: z.strictObject({ ...consentData, Initiation: ObFileInitiation }) })
  .meta({ id: "OBWriteFileConsent3", description: "A file payment consent: the file is uploaded next, then authorised." });

// A file consent's answer has no expected execution or settlement dates.
const { ConsentId, CreationDateTime, StatusReason, StatusUpdateDateTime, CutOffDateTime, Charges, Debtor } = consentHeadFields;
const fileConsentHead = { ConsentId, CreationDateTime, StatusReason, StatusUpdateDateTime, CutOffDateTime, Charges, Debtor };

export const ObWriteFileConsentResponse = z
  .strictObject({
    Data: z.strictObject({
      ...fileConsentHead,
      Status: z
        .enum(["AWAU", "AWUP", "RJCT", "AUTH", "COND"])
        .describe("`AWUP` awaiting the file's upload, then `AWAU` awaiting authorisation, `AUTH`, `COND` once paid, or `RJCT`."),
      ...consentData,
      Initiation: ObFileInitiation,
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteFileConsentResponse4" });

/** The JSON payment file (`UK.OBIE.PaymentInitiation.4.0`). */
export const ObPaymentFile = z
  .strictObject({
    Data: z.strictObject({
      DomesticPayments: z
        .array(ObDomesticInitiation.omit({ DebtorAccount: true }))
        .min(1)
        .max(500)
        .describe("Each payment, as a domestic payment's Initiation; all leave the consent's debtor account."),
    }),
  })
  .meta({ id: "OBPaymentFile", description: "A file of domestic payments (at most 500)." });
export type ObPaymentFileInput = z.infer<typeof ObPaymentFile>;

export const ObWriteFile = z
  .strictObject({ Data: z.strictObject({ ConsentId: z.string().min(1).max(128), Initiation: ObFileInitiation }) })
  .meta({ id: "OBWriteFile2" });

export const ObWriteFileResponse = z
  .strictObject({
    Data: z.strictObject({
      FilePaymentId: z.string().min(1).max(40),
      ConsentId: z.string().min(1).max(128),
      CreationDateTime: ISODateTime,
      Status: z
        .enum(["INFA", "INCO", "PDNG"])
        .describe(
          "`PDNG` until every payment of the file was processed (a dated file waits for its date), then `INCO`, or `INFA` when none could be made. Each payment's outcome: `report-file`.",
        ),
      StatusUpdateDateTime: ISODateTime,
      StatusReason: consentHeadFields.StatusReason,
      Charges: consentHeadFields.Charges,
      Initiation: ObFileInitiation,
      Debtor: consentHeadFields.Debtor,
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteFileResponse3" });

/** The sandbox's report file: each payment of the file and what became of it. */
export const ObFilePaymentReport = z
  .strictObject({
    Data: z.strictObject({
      FilePaymentId: z.string(),
      ConsentId: z.string(),
      FileReference: z.string().optional(),
      NumberOfTransactions: z.string(),
      ControlSum: z.number(),
      Summary: z.strictObject({ Accepted: z.number().int(), Rejected: z.number().int(), Pending: z.number().int() }),
      Payments: z.array(
        z.strictObject({
          Index: z.number().int(),
          PaymentId: z.string(),
          InstructionIdentification: z.string(),
          EndToEndIdentification: z.string(),
          InstructedAmount: z.strictObject({ Amount: z.string(), Currency: z.string() }),
          CreditorName: z.string(),
          Status: z.string(),
          StatusUpdateDateTime: ISODateTime,
          StatusReason: z.strictObject({ StatusReasonCode: z.string(), StatusReasonDescription: z.string() }).optional(),
        }),
      ),
    }),
  })
  .meta({ id: "OBFilePaymentReport", description: "The outcome of each payment of a file payment." });

export const FilePaymentParams = z.object({ FilePaymentId: z.string().min(1).max(40).describe("The file payment's id (`fpy_…`).") });
