import { issueSoftwareStatementOperation } from "@/lib/directory/directory-operations";
import { issueSoftwareStatement } from "@/lib/directory/issue-software-statement";
import { handle } from "@/lib/portal-api/handle-operation";

// A software statement signed by the sandbox directory, for the bank's dynamic client registration.
export const POST = handle(issueSoftwareStatementOperation, ({ app, actor }) =>
  issueSoftwareStatement({ appId: app.appId, audit: { teamId: app.teamId, actor } }),
);
