import { AppError } from "@openbank/contracts/errors";
import { getAccount } from "@/lib/account/account-dto";
import { getAccountOperation } from "@/lib/account/account-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(getAccountOperation, async ({ user }) => {
  const account = await getAccount(user.id);
  if (!account) throw new AppError("unauthenticated");
  return account;
});
