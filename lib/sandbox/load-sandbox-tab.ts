import { AppError } from "@openbank/contracts/errors";
import { getSandboxClock } from "./get-sandbox-clock";
import { isMissingRoute, readSandboxCustomers } from "./list-sandbox-customers";
import { listSnapshots } from "./sandbox-snapshots";
import type { SandboxClock, SandboxCustomer, Snapshot } from "./sandbox-dto";

type Loaded<T> = T | { error: string };

/** A panel's data, or what to tell the developer when the bank could not give it (the rest of the tab still renders). */
async function settle<T>(load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error: `${error.message || "The sandbox bank could not answer."} Reload the page to try again.` };
  }
}

/** Everything the Sandbox tab shows, read from the bank in parallel. */
export async function loadSandboxTab(options: { appId: string }) {
  const [customers, clock, snapshots] = await Promise.all([
    settle(() => readSandboxCustomers(options)),
    settle(() => getSandboxClock(options)),
    // A bank without snapshots: the panel says so (null), it does not pretend there are none.
    settle(() => listSnapshots(options).catch((error: unknown) => (isMissingRoute(error) ? null : Promise.reject(error)))),
  ]);
  const read = customers as Loaded<{ customers: SandboxCustomer[]; customAvailable: boolean }>;
  return {
    customers: "error" in read ? read : { data: read.customers },
    /** Whether the bank has custom customers (`/v1/sandbox/customers`); without it, the personas only. */
    customAvailable: !("error" in read) && read.customAvailable,
    clock: clock as Loaded<SandboxClock>,
    snapshots: snapshots as Loaded<Snapshot[] | null>,
  };
}
