import { defineOperation } from "@/lib/portal-api/define-operation";
import { accountDto } from "./account-dto";
import { accountExportDto } from "./account-export-dto";
import { updateProfileInput } from "./update-profile";

export const getAccountOperation = defineOperation({
  method: "GET",
  path: "/api/account",
  operationId: "getAccount",
  tag: "Account",
  summary: "Your account",
  description: "Name, email and whether it is verified, and which sign-in factors are set up (never a secret).",
  tokens: true,
  access: "session",
  success: { status: 200, description: "Your account.", schema: accountDto },
});

export const updateAccountOperation = defineOperation({
  method: "PATCH",
  path: "/api/account",
  operationId: "updateAccount",
  tag: "Account",
  summary: "Change your name",
  description: "How your team sees you in member lists and the audit log. The email address changes through its own confirmation.",
  access: "session",
  body: updateProfileInput,
  success: { status: 200, description: "Your account, renamed.", schema: accountDto },
});

export const exportAccountOperation = defineOperation({
  method: "GET",
  path: "/api/account/export",
  operationId: "exportAccount",
  tag: "Account",
  summary: "Download your data",
  description:
    "One JSON file (`Content-Disposition: attachment`) of everything the portal holds about you: account, team memberships, apps " +
    "you created and their keys' metadata, audit entries you are the actor of, sessions, passkeys, single sign-on links and " +
    "invitations you sent. Never a password, secret, seed or hash.",
  access: "session",
  success: { status: 200, description: "Your data, as `openbank-account-<date>.json`.", schema: accountExportDto },
});

export const deleteAccountOperation = defineOperation({
  method: "DELETE",
  path: "/api/account",
  operationId: "deleteAccount",
  stepUp: true,
  tag: "Account",
  summary: "Delete your account",
  description:
    "Refused while you own a team with other members (transfer ownership first). Teams where you are the only member are deleted " +
    "with their apps and keys; you leave the others, and what you created there passes to their owners. Your profile, sign-in " +
    "factors and sessions go; audit entries stay with you pseudonymised. An email confirms it. Cannot be undone.",
  access: "session",
  errors: ["account_owns_teams"],
  success: { status: 204, description: "Deleted: this session no longer works, and its cookie is cleared." },
});

export const accountOperations = [getAccountOperation, updateAccountOperation, exportAccountOperation, deleteAccountOperation];
