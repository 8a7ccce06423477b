"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { IconIdCard } from "@/components/ui/icons";
import { Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** A PEM to copy: a text area keeps its line breaks, which a PEM needs. */
function PemField({ id, label, value, testId }: { id: string; label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-fg">
          {label}
        </label>
        <CopyButton value={value} label={label.toLowerCase()} showText />
      </div>
      <Textarea id={id} readOnly rows={5} value={value} spellCheck={false} className="font-mono text-xs" data-testid={testId} />
    </div>
  );
}

/**
 * "Issue a test certificate": the portal generates the key pair (a CSR goes through the API), the
 * private key is shown once beside the certificate. Issuing revokes the app's previous certificate.
 */
export function IssueTppCertificateButton({ appId, hasCertificate }: { appId: string; hasCertificate: boolean }) {
  const label = hasCertificate ? "Issue a new certificate" : "Issue a test certificate";
  return (
    <ActionDialog
      label={label}
      icon={<IconIdCard />}
      variant="secondary"
      size="md"
      title="Issue a test certificate"
      description="From the sandbox test CA, with the roles PSP_AI, PSP_PI and PSP_IC, valid for a year."
      confirmLabel="Issue"
      pendingLabel="Issuing…"
      confirmVariant={hasCertificate ? "danger" : "primary"}
      className="max-w-xl text-left whitespace-normal"
      action={() => portalApi.POST("/api/apps/{appId}/tpp-certificate", { params: { path: { appId } }, body: {} })}
      reveal={{
        title: "Your test certificate and its private key",
        description: "This is the only time the private key is shown: the portal does not keep it.",
        render: ({ certificate, private_key }) => (
          <div className="flex flex-col gap-4" data-testid="tpp-certificate-reveal">
            {private_key && (
              <>
                <Alert tone="warning">
                  Save the private key now, on your server only. Lost, it cannot be shown again: issue a new certificate.
                </Alert>
                <PemField id="tpp-private-key" label="Private key" value={private_key} testId="tpp-private-key" />
              </>
            )}
            <PemField id="tpp-certificate-pem" label="Certificate" value={certificate.certificate_pem} testId="tpp-certificate-pem" />
          </div>
        ),
      }}
    >
      <p>
        The portal generates an RSA 2048 key pair. From now on every Berlin Group request of this app must carry{" "}
        <code>TPP-Signature-Certificate</code>, <code>Digest</code> and <code>Signature</code>. To use your own key, send a CSR to the API
        instead.
      </p>
      {hasCertificate && <p className="mt-2">The current certificate is revoked at once.</p>}
    </ActionDialog>
  );
}

/** "Revoke": the app's requests are checked without signatures again. */
export function RevokeTppCertificateButton({ appId }: { appId: string }) {
  return (
    <ActionDialog
      label="Revoke"
      variant="secondary"
      size="md"
      title="Revoke the test certificate?"
      confirmLabel="Revoke"
      pendingLabel="Revoking…"
      className="max-w-xl text-left whitespace-normal"
      action={() => portalApi.DELETE("/api/apps/{appId}/tpp-certificate", { params: { path: { appId } } })}
    >
      <p>
        Requests that still present it are refused with <code>CERTIFICATE_REVOKED</code>; unsigned requests pass again.
      </p>
    </ActionDialog>
  );
}
