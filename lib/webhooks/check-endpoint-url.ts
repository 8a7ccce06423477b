import { isIP } from "node:net";
import { AppError } from "@openbank/contracts/errors";
import { env } from "../env";
import { checkAddress } from "@openbank/contracts/address-policy";
import { internalPorts, internalTargetReason } from "./internal-ports";

/**
 * Refuses, when saving, a URL whose host is an IP the dispatcher would refuse anyway (after
 * WHATWG normalisation: 127.1 and 0x7f000001 are 127.0.0.1), and `localhost` when loopback is
 * off, and this machine's bank and portal ports even with loopback on. Names are checked again on every connection (DNS can change): this is only early feedback.
 */
export function checkEndpointUrl(value: string, pointer = "/body/url"): void {
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const settings = env();
  const allowLoopback = settings.WEBHOOKS_ALLOW_LOOPBACK;
  const refuse = (detail: string) => new AppError("validation_failed", `url: ${detail}`, { errors: [{ pointer, detail }] });
  if (isIP(host)) {
    const verdict = checkAddress(host, { allowLoopback });
    if (!verdict.allowed) throw refuse(`cannot receive webhooks: ${verdict.reason}`);
  } else if (!allowLoopback && (host === "localhost" || host.endsWith(".localhost"))) {
    throw refuse("cannot receive webhooks: localhost is a loopback address (allowed only with WEBHOOKS_ALLOW_LOOPBACK)");
  }
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  const reason = internalTargetReason(loopbackName ? "127.0.0.1" : host, port, internalPorts(settings));
  if (reason) throw refuse(`cannot receive webhooks: ${host}:${port} is the bank's or the portal's own port on this machine`);
}
