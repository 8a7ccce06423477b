import { createHash } from "node:crypto";
import type { BankConsent, PrismaClient } from "@prisma/client";
import { JSON_FILE_TYPE, ObPaymentFile, type ObFileInitiationInput, type ObPaymentFileInput } from "../../schemas/open-banking/pis-file";
import { ObError } from "./ob-errors";
import { consentDetails, consentStatus } from "./payment-consents";
import { minorAmount } from "./payment-identification";
import { checkDomesticInitiation } from "./payment-initiations";

/** Where a payment of the file sits, for the errors' paths. */
export const filePath = (index: number) => `File.Data.DomesticPayments[${index}]`;

/**
 * Reads a stored or uploaded payment file (`UK.OBIE.PaymentInitiation.4.0`): JSON, the file
 * schema, and each payment as a domestic initiation the sandbox can pay.
 */
export function parsePaymentFile(text: string): ObPaymentFileInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ObError(400, "UK.OBIE.Resource.InvalidFormat", "The file is not valid JSON.", "File");
  }
  const parsed = ObPaymentFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ObError(
      400,
      "UK.OBIE.Resource.InvalidFormat",
      `The file does not fit ${JSON_FILE_TYPE}: ${issue.message}`,
      ["File", ...issue.path].join("."),
    );
  }
  parsed.data.Data.DomesticPayments.forEach((payment, index) => checkDomesticInitiation(payment, filePath(index)));
  return parsed.data;
}

/**
 * Uploads a file consent's file (`POST /file-payment-consents/{ConsentId}/file`), once, while the
 * consent awaits it (`AWUP`): its bytes must hash (base64 SHA-256) to the consent's FileHash, and
 * its payments must number NumberOfTransactions and total ControlSum when the consent gives them.
 * The file is kept as uploaded (BankConsent.file); the consent then awaits authorisation.
 */
export async function uploadPaymentFile(options: {
  db: PrismaClient;
  consent: BankConsent;
  raw: string;
  now: Date;
  idempotencyKeyId?: string;
}): Promise<void> {
  const { db, consent, raw, now } = options;
  if (consentStatus(consent, now).Status !== "AWUP")
    throw new ObError(
      400,
      "UK.OBIE.Resource.InvalidConsentStatus",
      `Consent ${consent.id} is not awaiting its file: a file is uploaded once.`,
      "ConsentId",
    );
  const details = consentDetails(consent);
  const initiation = details.Data.Initiation as ObFileInitiationInput;
  const hash = createHash("sha256").update(raw, "utf8").digest("base64");
  if (hash !== initiation.FileHash)
    throw new ObError(
      400,
      "UK.OBIE.Resource.ConsentMismatch",
      `The file's SHA-256 is ${hash} (base64), not the consent's FileHash.`,
      "Data.Initiation.FileHash",
    );
  const file = parsePaymentFile(raw);
  const payments = file.Data.DomesticPayments;
  if (initiation.NumberOfTransactions !== undefined && Number(initiation.NumberOfTransactions) !== payments.length)
    throw new ObError(
      400,
      "UK.OBIE.Resource.ConsentMismatch",
      `The file holds ${payments.length} payments; the consent says ${initiation.NumberOfTransactions}.`,
      "Data.Initiation.NumberOfTransactions",
    );
  if (initiation.ControlSum !== undefined) {
    const total = payments.reduce(
      (sum, payment, index) => sum + minorAmount(payment.InstructedAmount, `${filePath(index)}.InstructedAmount`),
      0n,
    );
    if (BigInt(Math.round(initiation.ControlSum * 100)) !== total)
      throw new ObError(
        400,
        "UK.OBIE.Resource.ConsentMismatch",
        `The file's amounts total ${Number(total) / 100}; the consent's ControlSum is ${initiation.ControlSum}.`,
        "Data.Initiation.ControlSum",
      );
  }
  await db.$transaction(async (tx) => {
    // Conditional: of two racing uploads, one stores its file.
    const { count } = await tx.bankConsent.updateMany({
      where: { id: consent.id, file: null, status: "awaiting_authorisation" },
      data: {
        file: raw,
        details: JSON.stringify({ ...details, Bank: { ...details.Bank, fileUploadedAt: now.toISOString() } }),
        statusUpdatedAt: now,
      },
    });
    if (count !== 1)
      throw new ObError(
        400,
        "UK.OBIE.Resource.InvalidConsentStatus",
        `Consent ${consent.id} is not awaiting its file: a file is uploaded once.`,
        "ConsentId",
      );
    if (options.idempotencyKeyId)
      await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: consent.id } });
  });
}
