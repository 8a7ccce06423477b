import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { signUpSchema } from "./schemas";

export const signUpOperation = defineOperation({
  method: "POST",
  path: "/api/signup",
  operationId: "signUp",
  tag: "Account",
  summary: "Create a developer account",
  description:
    'Answers `202 {"accepted": true}` for every valid sign-up, whether or not the address already has an account, in the same time: ' +
    'for a new address the account and its personal team ("Ada\'s team") exist when the answer arrives, so sign in with the same email ' +
    "and password, and a link to verify the address is mailed; for an address that already has an account nothing changes and its owner " +
    "is mailed instead (sign in, or reset the password). Limited per client address and per network (IPv4 /24, IPv6 /48): 429 with " +
    "`Retry-After` past the hour's allowance. Like every mutation of this API it is refused cross-site: send `Origin` with the portal's origin.",
  access: "public",
  body: signUpSchema,
  errors: ["rate_limited"],
  success: {
    status: 202,
    description: "Accepted: the same answer for a new address and for one that already has an account.",
    schema: z.object({ accepted: z.literal(true) }),
  },
});

export const authOperations = [signUpOperation];
