import { RETRY_SCHEDULE_COLUMNS, retryScheduleRows } from "@/lib/guides/portal-facts";
import { TableFrame } from "./table-frame";

/** The webhooks guide's retry table (`<RetrySchedule />` in MDX): one source, the dispatcher's schedule. */
export function RetrySchedule() {
  return (
    <TableFrame>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            {RETRY_SCHEDULE_COLUMNS.map((column) => (
              <th key={column} className="border-b border-border bg-surface-muted px-4 py-2 font-semibold text-fg">
                {column}
              </th>
            ))}
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
