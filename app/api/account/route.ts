import { AppError } from "@openbank/contracts/errors";
import { getAccount } from "@/lib/account/account-dto";
import { deleteAccountOperation, getAccountOperation, updateAccountOperation } from "@/lib/account/account-operations";
import { deleteAccount } from "@/lib/account/delete-account";
import { updateProfile } from "@/lib/account/update-profile";
import { handle } from "@/lib/portal-api/handle-operation";
import { clearSessionCookie } from "@/lib/sessions/session-cookie";

export const GET = handle(getAccountOperation, async ({ user }) => {
  const account = await getAccount(user.id);
  if (!account) throw new AppError("unauthenticated");
  return account;
});

export const PATCH = handle(updateAccountOperation, ({ actor, body }) => updateProfile({ actor, input: body }));

export const DELETE = handle(deleteAccountOperation, async ({ actor, headers }) => {
  await deleteAccount({ actor });
  clearSessionCookie(headers);
});
