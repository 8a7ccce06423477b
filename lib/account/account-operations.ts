import { defineOperation } from "@/lib/portal-api/define-operation";
import { accountDto } from "./account-dto";

export const getAccountOperation = defineOperation({
  method: "GET",
  path: "/api/account",
  operationId: "getAccount",
  tag: "Account",
  summary: "Your account",
  description: "Name, email and whether it is verified, and which sign-in factors are set up (never a secret).",
  access: "session",
  success: { status: 200, description: "Your account.", schema: accountDto },
});

export const accountOperations = [getAccountOperation];
