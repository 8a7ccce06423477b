import { env } from "@/lib/env";

/*
 * What this portal's operator configured, as a partner sees it: the guides say "3 endpoints" or
 * "this sandbox accepts localhost receivers", never the setting's name (that belongs in the
 * self-hosting docs, README.md and .env.example).
 */

/** The number of distinct endpoints the go-live evidence needs (`<GoLiveMinimum />` in MDX). */
export function GoLiveMinimum() {
  return <>{env().GO_LIVE_MIN_ENDPOINTS}</>;
}

/** Whether this sandbox delivers to loopback receivers (`<LoopbackReceivers />` in MDX). */
export function LoopbackReceivers() {
  return env().WEBHOOKS_ALLOW_LOOPBACK ? (
    <>
      This sandbox accepts loopback receivers such as <code>http://localhost:4000/webhooks/open-bank</code>, so you can test with a receiver
      on your own machine.
    </>
  ) : (
    <>
      This sandbox refuses loopback receivers such as <code>http://localhost:4000/webhooks/open-bank</code>: to test a receiver on your own
      machine, expose it through a public HTTPS tunnel and register the tunnel&apos;s URL.
    </>
  );
}
