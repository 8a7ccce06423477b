import { cn } from "@/lib/cn";

/**
 * The onboarding progress as a bar: an ARIA progressbar with its values, so a screen reader
 * hears "Onboarding progress, 4 of 7 steps". No data access: the app page and the guides'
 * sidebar pass the numbers from GET /api/apps/{appId}/onboarding.
 */
export function OnboardingProgressBar({
  completed,
  total,
  label = "Onboarding progress",
  showCount = true,
  className,
}: {
  completed: number;
  total: number;
  label?: string;
  showCount?: boolean;
  className?: string;
}) {
  const percent = total === 0 ? 100 : Math.round((Math.min(completed, total) / total) * 100);
  const text = `${completed} of ${total} steps`;
  return (
    <div className={cn("flex items-center gap-3", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={completed}
        aria-valuetext={text}
        data-testid="onboarding-progress"
        className="h-2 min-w-0 flex-1 overflow-hidden rounded-full bg-surface-muted ring-1 ring-border ring-inset"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none",
            percent === 100 ? "bg-success" : "bg-primary",
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      {showCount && (
        <span className="shrink-0 text-xs font-medium text-fg-muted tabular-nums" aria-hidden="true">
          {text}
        </span>
      )}
    </div>
  );
}
