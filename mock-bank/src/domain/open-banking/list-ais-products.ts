import type { PrismaClient } from "@prisma/client";
import { formatMoneyForDisplay, toMoney } from "@openbank/contracts/money";
import type { ObProduct } from "../../schemas/open-banking/ais-resources";
import { depositProductOf, fit } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";

/**
 * The product of each of the consent's accounts, from the bank's own catalogue (the deposit products
 * /v1/products lists; a seeded account is its type's default product). A current account is a
 * Personal or Business current account; savings, bonds, cards and loans are "Other" with the
 * product's name and description (cards and loans have no catalogue entry: the account's own name
 * and limit say what it is).
 */
export async function listAisProducts(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
}): Promise<ObProduct[]> {
  const { db, tenantId, call, accountIds } = options;
  const rows = await db.bankAccount.findMany({
    where: { tenantId, customerId: call.customerId, id: { in: accountIds } },
    orderBy: { id: "asc" },
    select: { id: true, type: true, productId: true, name: true, currency: true, creditLimit: true, customer: { select: { kind: true } } },
  });
  return rows.map((row) => {
    const product = depositProductOf(row);
    const named = product ? { ProductId: product.id, ProductName: fit(product.name, 350) } : { ProductName: fit(row.name, 350) };
    if (row.type === "current")
      return {
        ...named,
        AccountId: row.id,
        ProductType: row.customer?.kind === "business" ? "BusinessCurrentAccount" : "PersonalCurrentAccount",
      };
    const description =
      product?.description ??
      (row.type === "credit_card"
        ? `A credit card with a limit of ${formatMoneyForDisplay(toMoney(row.creditLimit, row.currency))}.`
        : row.type === "loan"
          ? "A loan account: its balance is what is owed."
          : row.name);
    return {
      ...named,
      AccountId: row.id,
      ProductType: "Other" as const,
      OtherProductType: { Name: fit(product?.name ?? row.name, 350), Description: fit(description, 350) },
    };
  });
}
