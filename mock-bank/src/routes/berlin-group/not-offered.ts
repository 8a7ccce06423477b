import { BgError } from "../../domain/berlin-group/bg-errors";

/** Services of the document this sandbox does not offer, and what to use instead. */
const NOT_OFFERED: [string, string][] = [
  ["signing-baskets", "Signing baskets are not offered: authorise each consent or payment on its own."],
];

/**
 * The refusal of a path this surface does not serve (relative to /berlin-group/v1): SERVICE_INVALID
 * with what to use instead for the document's services left out, else null (an unknown route).
 */
export function notOffered(path: string): BgError | null {
  const first =
    path
      .replace(/^\/berlin-group\/v1/, "")
      .split("?")[0]
      .split("/")[1] ?? "";
  const found = NOT_OFFERED.find(([service]) => service === first);
  return found ? new BgError(404, "SERVICE_INVALID", found[1]) : null;
}
