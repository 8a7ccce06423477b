import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, text } from "@/lib/portal-api/schemas";
import { TPP_ROLES, tppCertificateDto } from "./tpp-certificate-dto";

const TAG = "Test certificates";

export const getTppCertificateOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/tpp-certificate",
  operationId: "getTppCertificate",
  tag: TAG,
  summary: "Get the app's test certificate",
  description: "The latest certificate the sandbox CA issued to the app (null if none), with the CA's certificate. Never a private key.",
  access: { app: "app:read" },
  params: appParams,
  success: {
    status: 200,
    description: "The certificate and the CA.",
    schema: z.object({
      certificate: tppCertificateDto.nullable(),
      ca_certificate_pem: text(4000).describe("The sandbox test CA's certificate (PEM)."),
    }),
  },
});

export const issueTppCertificateOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/tpp-certificate",
  operationId: "issueTppCertificate",
  stepUp: true,
  tag: TAG,
  summary: "Issue a test eIDAS certificate (QWAC/QSealC-style) for Berlin Group request signing",
  description: [
    "The sandbox test CA issues a certificate for the app: subject CN (the app), O (the team), organizationIdentifier `PSDXX-SANDBOX-<app id>`, the PSD2 roles in a qcStatements extension (ETSI TS 119 495), valid for a year.",
    "",
    "- With `csr` (a PKCS#10 request in PEM, RSA of 2048 bits or more): the certificate is for its key; its subject is ignored.",
    "- Without: the portal generates an RSA 2048 key pair. `private_key` (PKCS#8 PEM) is in this answer only and never stored: save it now.",
    "",
    "The app's previous certificate is revoked. From now on every request on `/berlin-group/v1` must carry `TPP-Signature-Certificate`, `Digest` and `Signature` (see the Berlin Group guide).",
  ].join("\n"),
  access: { app: "key:create" },
  params: appParams,
  body: z.object({
    csr: text(8000).optional().describe("A PKCS#10 certificate signing request (PEM). Omit it to have a key pair generated."),
    roles: z
      .array(z.enum(TPP_ROLES))
      .min(1)
      .max(3)
      .default([...TPP_ROLES])
      .transform((roles) => [...new Set(roles)])
      .describe(
        "PSD2 roles: PSP_AI (account information), PSP_PI (payment initiation), PSP_IC (card-based instruments). All three by default.",
      ),
  }),
  success: {
    status: 201,
    description: "The certificate, and the private key when the portal generated it.",
    schema: z.object({
      certificate: tppCertificateDto,
      private_key: text(4000).optional().describe("PKCS#8 PEM. Only when no `csr` was sent. Shown once: it is not stored."),
    }),
  },
});

export const revokeTppCertificateOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}/tpp-certificate",
  operationId: "revokeTppCertificate",
  stepUp: true,
  tag: TAG,
  summary: "Revoke the app's test certificate",
  description:
    "At once. The app's Berlin Group requests are then checked without signatures again; one that still presents the revoked certificate is refused with `CERTIFICATE_REVOKED`.",
  access: { app: "key:revoke" },
  params: appParams,
  errors: ["resource_not_found"],
  success: { status: 200, description: "The revoked certificate.", schema: tppCertificateDto },
});

export const tppCertificateOperations = [getTppCertificateOperation, issueTppCertificateOperation, revokeTppCertificateOperation];
