import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { ensureLedger } from "../ledger/opening-ledger";
import type { CustomCustomerDocumentInput } from "../../schemas/sandbox-customers";
import type { SandboxCustomerDto } from "../../schemas/sandbox-customers";
import { getSandboxCustomerOrThrow } from "./get-sandbox-customer-or-throw";
import { isPersonaKey, planCustomCustomer } from "./plan-custom-customer";
import { takenNumbers } from "./taken-numbers";
import { writeCustomCustomer } from "./write-custom-customer";

/** A sandbox holds at most this many custom customers (each up to 10 accounts and their history). */
export const MAX_CUSTOM_CUSTOMERS = 50;

function handleTaken(handle: string, persona: boolean): AppError {
  const detail = persona ? `${handle} is a persona's key` : `your sandbox already has a custom customer ${handle}`;
  return new AppError("customer_handle_taken", `The handle ${handle} is taken: ${detail}.`, {
    errors: [{ pointer: "/body/handle", detail }],
  });
}

/**
 * Defines a custom test customer from its document, as of the sandbox clock: the customer, its
 * accounts and history are written in one transaction with the document (so a reset rebuilds it).
 */
export async function createCustomCustomer(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  document: CustomCustomerDocumentInput;
  idempotencyKeyId?: string;
}): Promise<SandboxCustomerDto> {
  const { db, tenantId, now, document } = options;
  if (isPersonaKey(document.handle)) throw handleTaken(document.handle, true);
  await ensureLedger(db, tenantId);
  const customerId = await db
    .$transaction(
      async (tx) => {
        if (await tx.bankCustomCustomer.findFirst({ where: { tenantId, handle: document.handle }, select: { id: true } }))
          throw handleTaken(document.handle, false);
        if ((await tx.bankCustomCustomer.count({ where: { tenantId } })) >= MAX_CUSTOM_CUSTOMERS)
          throw new AppError("conflict", `Your sandbox already has ${MAX_CUSTOM_CUSTOMERS} custom customers: delete one first.`);
        const result = planCustomCustomer({ tenantId, document, now, createdAt: now, takenNumbers: await takenNumbers(tx, tenantId) });
        if (!result.ok) {
          const summary = result.errors.map((e) => `${e.pointer.slice("/body/".length)}: ${e.detail}`).join("; ");
          throw new AppError("customer_document_invalid", `The customer cannot be built: ${summary}`.slice(0, 900), {
            errors: result.errors,
          });
        }
        await writeCustomCustomer(tx, { plan: result.plan, document, createdAt: now });
        const id = result.plan.customer.id!;
        if (options.idempotencyKeyId)
          await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: id } });
        return id;
      },
      { maxWait: 10_000, timeout: 60_000 },
    )
    .catch((error: unknown) => {
      // Another request defined the same handle at the same time: the unique index decided.
      if ((error as { code?: string } | null)?.code === "P2002") throw handleTaken(document.handle, false);
      throw error;
    });
  return getSandboxCustomerOrThrow({ db, tenantId, customerId });
}
