import type { UsageRange } from "@/lib/analytics/usage-summary";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** Chart and table labels for a period, in UTC, pinned so server and browser agree. */
export function formatBucket(iso: string, range: UsageRange): string {
  const date = new Date(iso);
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  if (range === "30d") return day;
  const time = `${pad(date.getUTCHours())}:00`;
  return range === "24h" ? time : `${day} ${time}`;
}
