import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatExact } from "@/components/dashboard/format-time";
import { MethodBadge } from "@/components/dashboard/status-badges";
import { IconCheckCircle, IconAlertCircle } from "@/components/ui/icons";
import type { GoLiveRequestDto } from "@/lib/go-live/go-live-dto";
import { evidenceSummary } from "@/lib/go-live/evidence-summary";
import type { SandboxEvidence } from "@/lib/go-live/sandbox-evidence";

const tones: Record<GoLiveRequestDto["status"] | "none", BadgeTone> = {
  none: "neutral",
  pending: "info",
  approved: "success",
  rejected: "danger",
};
const labels: Record<GoLiveRequestDto["status"] | "none", string> = {
  none: "sandbox only",
  pending: "go-live in review",
  approved: "production approved",
  rejected: "go-live rejected",
};

export function GoLiveBadge({ status }: { status: GoLiveRequestDto["status"] | "none" }) {
  return (
    <Badge tone={tones[status]} dot data-testid="go-live-badge">
      {labels[status]}
    </Badge>
  );
}

/** The sandbox test run as a checklist: which endpoints answered 2xx, and how many are needed. */
export function EvidenceList({ evidence }: { evidence: SandboxEvidence }) {
  const count = evidence.endpoints.length;
  return (
    <div className="flex flex-col gap-3" data-testid="go-live-evidence">
      <p className="flex items-center gap-2 text-sm font-medium text-fg">
        {evidence.passed ? <IconCheckCircle className="shrink-0 text-success" /> : <IconAlertCircle className="shrink-0 text-warning" />}
        {evidenceSummary(evidence)}
      </p>
      {count > 0 && (
        <ul className="flex flex-col gap-1.5 text-sm">
          {evidence.endpoints.map((endpoint) => (
            <li key={`${endpoint.method} ${endpoint.route}`} className="flex items-center gap-2">
              <MethodBadge method={endpoint.method} />
              <span className="min-w-0 font-mono text-xs break-all text-fg">{endpoint.route}</span>
              <span className="text-xs whitespace-nowrap text-fg-muted">× {endpoint.successful_calls}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-fg-muted">Computed from this app&apos;s request logs on {formatExact(evidence.computed_at)}.</p>
    </div>
  );
}
