import { getAppCertificate } from "@/lib/tpp-certificates/get-app-certificate";
import { issueAppCertificate } from "@/lib/tpp-certificates/issue-app-certificate";
import { revokeAppCertificate } from "@/lib/tpp-certificates/revoke-app-certificate";
import {
  getTppCertificateOperation,
  issueTppCertificateOperation,
  revokeTppCertificateOperation,
} from "@/lib/tpp-certificates/tpp-certificate-operations";
import { handle } from "@/lib/portal-api/handle-operation";

// The app's test certificate from the sandbox CA (Berlin Group request signing).
export const GET = handle(getTppCertificateOperation, ({ app }) => getAppCertificate(app.appId));

export const POST = handle(issueTppCertificateOperation, ({ app, actor, body }) =>
  issueAppCertificate({ appId: app.appId, csr: body.csr, roles: body.roles, audit: { teamId: app.teamId, actor } }),
);

export const DELETE = handle(revokeTppCertificateOperation, ({ app, actor }) =>
  revokeAppCertificate({ appId: app.appId, audit: { teamId: app.teamId, actor } }),
);
