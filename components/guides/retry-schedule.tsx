import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from "@/lib/webhooks/retry-schedule";
import { TableFrame } from "./table-frame";

function human(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** Attempt, wait and rough time since the event, from the dispatcher's own default schedule. */
export function retryScheduleRows(schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE)) {
  return [
    { attempt: 1, wait: "—", at: "at once" },
    ...schedule.map((ms, index) => ({
      attempt: index + 2,
      wait: human(ms),
      at: `≈ ${human(schedule.slice(0, index + 1).reduce((a, b) => a + b, 0))} after the event`,
    })),
  ];
}

/** The webhooks guide's retry table (`<RetrySchedule />` in MDX): one source, the dispatcher's schedule. */
export function RetrySchedule() {
  return (
    <TableFrame>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th className="border-b border-border bg-surface-muted px-4 py-2 font-semibold text-fg">Attempt</th>
            <th className="border-b border-border bg-surface-muted px-4 py-2 font-semibold text-fg">Wait after the previous failure</th>
            <th className="border-b border-border bg-surface-muted px-4 py-2 font-semibold text-fg">Roughly</th>
          </tr>
        </thead>
        <tbody>
          {retryScheduleRows().map((row) => (
            <tr key={row.attempt}>
              <td className="border-b border-border px-4 py-2 text-fg">{row.attempt}</td>
              <td className="border-b border-border px-4 py-2 text-fg">{row.wait}</td>
              <td className="border-b border-border px-4 py-2 text-fg-muted">{row.at}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
