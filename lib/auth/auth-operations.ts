import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { signUpSchema } from "./schemas";
import { userDto } from "./types";

export const signUpOperation = defineOperation({
  method: "POST",
  path: "/api/signup",
  operationId: "signUp",
  tag: "Account",
  summary: "Create a developer account",
  description:
    'Creates the account and its personal team ("Ada\'s team"), which the developer owns. Sign in afterwards with the same ' +
    "email and password. An address that is already taken is answered `email_taken`; after ten of those from one client address in an hour, " +
    "every sign-up from that address is refused with 429 and `Retry-After` until the hour has moved on. Like every mutation of this API it is refused cross-site: send `Origin` with the portal's origin.",
  access: "public",
  body: signUpSchema,
  errors: ["email_taken", "rate_limited"],
  success: { status: 201, description: "The new account.", schema: z.object({ user: userDto }) },
});

export const authOperations = [signUpOperation];
