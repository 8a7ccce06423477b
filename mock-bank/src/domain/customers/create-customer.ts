import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { CreateCustomerInput, CustomerDto } from "../../schemas/customer";
import { recordEvents } from "../events/record-event";
import { moneyTransaction } from "../ledger/money-transaction";
import { customerSelect, toCustomerDto } from "./customer-dto";
import { decideKyc } from "./decide-kyc";

export type CreateCustomerOptions = {
  db: PrismaClient;
  tenantId: string;
  /** The tenant's clock: the age check and created_at use it. */
  now: Date;
  input: CreateCustomerInput;
  /** The Idempotency-Key row of this request: linked to the customer in the same transaction. */
  idempotencyKeyId?: string;
};

/**
 * Onboards a customer: runs the sandbox's KYC rules and sanctions screening, stores the
 * decision, and writes `kyc.decided` in the same transaction. Every decision is a 201: a
 * `review` or `rejected` customer exists, it just cannot open accounts.
 */
export async function createCustomer(options: CreateCustomerOptions): Promise<CustomerDto> {
  const { db, tenantId, now, input } = options;
  const decision = decideKyc({ givenName: input.given_name, familyName: input.family_name, dateOfBirth: input.date_of_birth, now });
  const id = newId("customer");
  // Through the same queue as money transactions: a burst of sign-ups must not time out on SQLite.
  return moneyTransaction(db, async (tx) => {
    const row = await tx.bankCustomer.create({
      data: {
        id,
        tenantId,
        givenName: input.given_name,
        familyName: input.family_name,
        email: input.email,
        dateOfBirth: new Date(`${input.date_of_birth}T00:00:00Z`),
        addressLine1: input.address.line1,
        city: input.address.city ?? null,
        postcode: input.address.postcode.toUpperCase(),
        country: input.address.country,
        nationalId: input.national_id ?? null,
        kycStatus: decision.status,
        kycReasons: JSON.stringify(decision.reasons),
        screening: JSON.stringify(decision.screening),
        createdAt: now,
      },
      select: customerSelect,
    });
    const dto = toCustomerDto(row);
    if (options.idempotencyKeyId) await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: id } });
    await recordEvents(tx, tenantId, now, [{ type: "kyc.decided", object: dto }]);
    return dto;
  });
}
