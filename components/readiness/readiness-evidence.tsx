import { formatExact } from "@/components/dashboard/format-time";
import { IconAlertCircle, IconCheckCircle } from "@/components/ui/icons";
import type { ReadinessRunDto } from "@/lib/readiness/readiness-dto";
import { GradeBadge } from "./grade-badge";

/** The go-live evidence for the platform admin: the app's latest passed readiness run, check by check. */
export function ReadinessEvidence({ run }: { run: ReadinessRunDto | null }) {
  if (!run) {
    return (
      <p className="flex items-center gap-2 text-sm font-medium text-fg" data-testid="readiness-evidence">
        <IconAlertCircle className="shrink-0 text-warning" />
        No passed readiness run yet.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="readiness-evidence">
      <p className="flex items-center gap-2 text-sm font-medium text-fg">
        <IconCheckCircle className="shrink-0 text-success" />
        Readiness run <span className="font-mono text-xs">{run.id}</span> passed {run.ended_at ? formatExact(run.ended_at) : ""}
      </p>
      <ul className="flex flex-col gap-1.5 text-sm">
        {run.checks.map((check) => (
          <li key={check.id} className="flex items-center gap-2">
            <GradeBadge value={check.grade ?? check.status} />
            <span className="text-fg">{check.title}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
