import { inject } from "vitest";
import { Mailbox } from "./mailbox";

/** The mailbox of the suite's SMTP sink (the integration and reliability global setups provide its folder). */
export function suiteMailbox(): Mailbox {
  return new Mailbox(inject("mailDir"));
}
