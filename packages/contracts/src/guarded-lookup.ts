import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { checkAddress } from "./address-policy";

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver (what net.connect would use), every address of the name. */
export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

export class BlockedAddressError extends Error {
  readonly code = "EWEBHOOKBLOCKED";
  constructor(reason: string) {
    super(`blocked by the SSRF guard: ${reason}`);
    this.name = "BlockedAddressError";
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that resolves the name itself and refuses the
 * connection if any address is not allowed. The check runs on the addresses the socket will
 * actually connect to, at connect time, so a name that resolves to a public address when the
 * endpoint is saved and to 127.0.0.1 later (DNS rebinding) is still refused.
 */
export function createGuardedLookup(options: { allowLoopback: boolean; resolve?: Resolver }) {
  const resolve = options.resolve ?? systemResolver;
  return function guardedLookup(hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void {
    resolve(hostname).then(
      (addresses) => {
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no addresses`), { code: "ENOTFOUND" }), "");
        for (const entry of addresses) {
          const verdict = checkAddress(entry.address, options);
          if (!verdict.allowed) return callback(new BlockedAddressError(`${hostname} resolves to ${verdict.reason}`), "");
        }
        const wanted =
          lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        if (!wanted.length)
          return callback(Object.assign(new Error(`${hostname} has no IPv${lookupOptions.family} address`), { code: "ENOTFOUND" }), "");
        if (lookupOptions.all) return callback(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
