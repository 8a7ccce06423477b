import { AppError } from "@openbank/contracts/errors";

/** The same answer for an id that never existed and one that belongs to another tenant. */
export function accountNotFound(accountId: string): AppError {
  return new AppError("resource_not_found", `No account with id ${accountId}.`);
}
