import { env } from "@/lib/env";
import { LOOPBACK_EXAMPLE, loopbackSentence } from "@/lib/guides/portal-facts";

/*
 * What this portal's operator configured, as a partner sees it: the guides say "3 endpoints" or
 * "this sandbox accepts localhost receivers", never the setting's name (that belongs in the
 * self-hosting docs, README.md and .env.example). The words are in lib/guides/portal-facts.ts,
 * shared with the guides' Markdown copies.
 */

/** The number of distinct endpoints the go-live evidence needs (`<GoLiveMinimum />` in MDX). */
export function GoLiveMinimum() {
  return <>{env().GO_LIVE_MIN_ENDPOINTS}</>;
}

/** Whether this sandbox delivers to loopback receivers (`<LoopbackReceivers />` in MDX). */
export function LoopbackReceivers() {
  const { before, after } = loopbackSentence(env().WEBHOOKS_ALLOW_LOOPBACK);
  return (
    <>
      {before}
      <code>{LOOPBACK_EXAMPLE}</code>
      {after}
    </>
  );
}
