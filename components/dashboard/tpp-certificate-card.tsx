import Link from "next/link";
import { Code } from "@/components/ui/code";
import type { TppCertificateDto } from "@/lib/tpp-certificates/tpp-certificate-dto";
import { formatDate, formatExact } from "./format-time";
import { IssueTppCertificateButton, RevokeTppCertificateButton } from "./tpp-certificate-buttons";

function status(certificate: TppCertificateDto, now: number): "active" | "revoked" | "expired" {
  if (certificate.revoked_at) return "revoked";
  return Date.parse(certificate.not_after) <= now ? "expired" : "active";
}

/** The app's Berlin Group test certificate (eIDAS-style, from the sandbox CA): what it is, issue and revoke. */
export function TppCertificateCard({
  appId,
  certificate,
  now,
  canIssue,
  canRevoke,
}: {
  appId: string;
  certificate: TppCertificateDto | null;
  now: number;
  canIssue: boolean;
  canRevoke: boolean;
}) {
  const state = certificate ? status(certificate, now) : null;
  return (
    <div className="flex flex-col gap-3 border-t border-border pt-4" data-testid="tpp-certificate">
      <div>
        <h3 className="text-base font-semibold text-fg">Test certificate (Berlin Group)</h3>
        <p className="mt-1 text-sm text-fg-muted">
          A QSealC-style certificate from the sandbox test CA. While one is active, every <Code>/berlin-group/v1</Code> request must be
          signed: <Code>TPP-Signature-Certificate</Code>, <Code>Digest</Code>, <Code>Signature</Code>. See the{" "}
          <Link className="text-primary underline" href="/docs/guides/berlin-group#sign-your-requests-with-a-test-certificate">
            Berlin Group guide
          </Link>
          .
        </p>
      </div>
      {certificate ? (
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs font-medium text-fg-muted">Serial</dt>
            <dd className="font-mono text-xs break-all text-fg" data-testid="tpp-certificate-serial">
              {certificate.serial_number}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-fg-muted">Status</dt>
            <dd className="text-fg" data-testid="tpp-certificate-status">
              {state}
              {state === "active" && (
                <span className="text-fg-muted">
                  {" "}
                  · until{" "}
                  <time dateTime={certificate.not_after} title={formatExact(certificate.not_after)}>
                    {formatDate(certificate.not_after)}
                  </time>
                </span>
              )}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium text-fg-muted">Subject</dt>
            <dd className="font-mono text-xs break-all text-fg">{certificate.subject}</dd>
          </div>
        </dl>
      ) : (
        <p className="text-sm text-fg-muted">None. The app&rsquo;s API key or token stands in for its eIDAS certificate.</p>
      )}
      {(canIssue || (canRevoke && state === "active")) && (
        <div className="flex flex-wrap gap-3">
          {canIssue && <IssueTppCertificateButton appId={appId} hasCertificate={state === "active"} />}
          {canRevoke && state === "active" && <RevokeTppCertificateButton appId={appId} />}
        </div>
      )}
    </div>
  );
}
