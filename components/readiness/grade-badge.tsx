import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, { tone: BadgeTone; label: string }> = {
  pass: { tone: "success", label: "Pass" },
  warn: { tone: "warning", label: "Warn" },
  fail: { tone: "danger", label: "Fail" },
  passed: { tone: "success", label: "Passed" },
  failed: { tone: "danger", label: "Failed" },
  running: { tone: "info", label: "Running" },
  cancelled: { tone: "neutral", label: "Cancelled" },
  expired: { tone: "neutral", label: "Expired" },
  waiting: { tone: "neutral", label: "Waiting" },
  skipped: { tone: "neutral", label: "Skipped" },
};

/** A run's status or a check's grade as a badge with words (never colour alone). */
export function GradeBadge({ value }: { value: string }) {
  const shown = tones[value] ?? { tone: "neutral" as const, label: value };
  return (
    <Badge tone={shown.tone} dot>
      {shown.label}
    </Badge>
  );
}
