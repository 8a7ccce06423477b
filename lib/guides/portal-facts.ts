import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from "@/lib/webhooks/retry-schedule";

/*
 * What the guides' components state about this portal, as plain values: the page renders them
 * as React (components/guides/), the Markdown copy (guide-markdown.ts) as text. One source for
 * both, so the two never disagree. A partner sees values ("3 endpoints"), never a setting's name.
 */

/** This portal's settings the guides show (`<GoLiveMinimum />`, `<LoopbackReceivers />`). */
export type PortalFacts = { goLiveMinimum: number; loopbackAllowed: boolean };

export const LOOPBACK_EXAMPLE = "http://localhost:4000/webhooks/open-bank";

/** `<LoopbackReceivers />`: the sentence around the example receiver's URL. */
export function loopbackSentence(allowed: boolean): { before: string; after: string } {
  return allowed
    ? {
        before: "This sandbox accepts loopback receivers such as ",
        after: ", so you can test with a receiver on your own machine.",
      }
    : {
        before: "This sandbox refuses loopback receivers such as ",
        after: ": to test a receiver on your own machine, expose it through a public HTTPS tunnel and register the tunnel's URL.",
      };
}

function human(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** `<RetrySchedule />`: attempt, wait and rough time since the event, from the dispatcher's own default schedule. */
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

export const RETRY_SCHEDULE_COLUMNS = ["Attempt", "Wait after the previous failure", "Roughly"] as const;
