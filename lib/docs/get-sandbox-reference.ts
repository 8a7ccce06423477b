import type { SandboxReference } from "@openbank/contracts/sandbox-reference";
import { env } from "../env";
import { AppError } from "@openbank/contracts/errors";

export type { SandboxReference };

let cached: { reference: SandboxReference; fetchedAt: number } | undefined;
const TTL_MS = 60_000;

/**
 * The sandbox's personas, scenario values, magic values and controls, as the bank builds
 * them from its seed: the docs page renders this, so it always shows what a sandbox holds.
 * Cached for a minute; a stale copy is served while the bank is unreachable.
 */
export async function getSandboxReference(): Promise<SandboxReference> {
  const config = env();
  if (cached && Date.now() - cached.fetchedAt < TTL_MS) return cached.reference;
  let reference: SandboxReference;
  try {
    const response = await fetch(new URL("/sandbox-reference.json", config.BANK_URL), {
      signal: AbortSignal.timeout(5_000),
      cache: "no-store",
    });
    if (!response.ok) throw new AppError("bank_unavailable", `The sandbox bank answered ${response.status} for its reference.`);
    // The timeout covers the body too: a body still arriving after 5 s (a busy machine) fails here.
    reference = (await response.json()) as SandboxReference;
  } catch (error) {
    if (cached) return cached.reference;
    if (error instanceof AppError) throw error;
    throw new AppError("bank_unavailable", "The sandbox reference comes from the sandbox bank, which is not reachable right now.");
  }
  cached = { reference, fetchedAt: Date.now() };
  return reference;
}
