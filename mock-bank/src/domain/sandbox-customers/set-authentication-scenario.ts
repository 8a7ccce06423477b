import type { PrismaClient } from "@prisma/client";
import type { AuthenticationScenario } from "../oauth/authentication-scenarios";
import type { CustomCustomerDocumentInput, SandboxCustomerDto } from "../../schemas/sandbox-customers";
import { getSandboxCustomerOrThrow } from "./get-sandbox-customer-or-throw";

/**
 * Sets how a test customer's authentication goes on the bank's pages. A custom customer's stored
 * document changes too, so a reset keeps the choice; a persona's goes back to `approve` on reset.
 */
export async function setAuthenticationScenario(options: {
  db: PrismaClient;
  tenantId: string;
  customerId: string;
  scenario: AuthenticationScenario;
}): Promise<SandboxCustomerDto> {
  const { db, tenantId, customerId, scenario } = options;
  await getSandboxCustomerOrThrow({ db, tenantId, customerId });
  await db.$transaction(async (tx) => {
    await tx.bankCustomer.update({ where: { id: customerId }, data: { authScenario: scenario === "approve" ? null : scenario } });
    const stored = await tx.bankCustomCustomer.findFirst({ where: { tenantId, id: customerId }, select: { document: true } });
    if (stored) {
      const document = { ...(JSON.parse(stored.document) as CustomCustomerDocumentInput), authentication_scenario: scenario };
      await tx.bankCustomCustomer.update({ where: { id: customerId }, data: { document: JSON.stringify(document) } });
    }
  });
  return getSandboxCustomerOrThrow({ db, tenantId, customerId });
}
