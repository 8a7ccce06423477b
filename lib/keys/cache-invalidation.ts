import type Redis from "ioredis";
import { createRedis } from "../redis";
import { portal } from "../runtime";

/**
 * Cross-instance invalidation of the gateway's caches (scale-out mode, REDIS_URL).
 *
 * A change that must stop a credential (key revoked, rolled, created over a cached "unknown",
 * app suspended or reinstated, OAuth client secret rotated or redirect URIs changed) applies
 * to this process's caches at once and is published on one Redis channel; every instance's
 * listener drops the entry as the message arrives (a few ms; measured in the tests).
 *
 * Backstops for a missed message: entries still expire after KEY_CACHE_TTL_SECONDS (keys, app statuses) and
 * 10 s (OAuth clients), and a listener that loses its connection flushes both caches when it
 * is subscribed again, since it may have missed messages meanwhile.
 *
 * Consent tokens: the cache of a token's owning app never goes stale (the owner never changes),
 * and the bank checks revocation and expiry on every call; the owning app's standing (suspended,
 * deleted) is cached per app (KEY_CACHE_TTL_SECONDS) and dropped here (`apps`), as keys are.
 */
export const INVALIDATION_CHANNEL = "openbank:cache-invalidation";

/** `apps`: an app was suspended, reinstated or deleted (its consent tokens' standing, read through the app-status cache). */
export type Invalidation = { kind: "key"; hash: string } | { kind: "all_keys" } | { kind: "oauth_clients" } | { kind: "apps" };

export type InvalidationTargets = {
  keys: { delete(hash: string): void; clear(): void };
  clients: { clear(): void };
  apps: { clear(): void };
};

export function applyInvalidation(message: Invalidation, targets: InvalidationTargets): void {
  if (message.kind === "key") targets.keys.delete(message.hash);
  else if (message.kind === "all_keys") targets.keys.clear();
  else if (message.kind === "oauth_clients") targets.clients.clear();
  else if (message.kind === "apps") targets.apps.clear();
}

function parse(raw: string): Invalidation | null {
  try {
    const message = JSON.parse(raw) as Invalidation;
    if (message.kind === "key" && typeof message.hash === "string") return message;
    if (message.kind === "all_keys" || message.kind === "oauth_clients" || message.kind === "apps") return { kind: message.kind };
  } catch {
    // not ours
  }
  return null;
}

/**
 * Applies the change to `targets` at once and tells the other instances. Publishing never fails
 * the caller (the change is committed already): a lost message is covered by the TTL backstop.
 */
export async function publishInvalidation(message: Invalidation, targets: InvalidationTargets, redis: Redis | null): Promise<void> {
  applyInvalidation(message, targets);
  if (!redis) return;
  try {
    await redis.publish(INVALIDATION_CHANNEL, JSON.stringify(message));
  } catch (error) {
    console.warn(
      `[cache-invalidation] publish failed (${(error as Error).message}); other instances catch up within KEY_CACHE_TTL_SECONDS`,
    );
  }
}

/**
 * Subscribes a dedicated connection to the channel. Every (re)subscription after the first
 * flushes the caches: messages sent while it was away are lost. Returns a stop function.
 */
export function listenForInvalidations(options: { url: string; targets: InvalidationTargets; name?: string }): {
  ready: Promise<void>;
  stop: () => void;
} {
  const { targets } = options;
  const subscriber = createRedis(options.url, { name: options.name ?? "invalidation", subscriber: true });
  let subscribedBefore = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  subscriber.on("message", (channel: string, raw: string) => {
    if (channel !== INVALIDATION_CHANNEL) return;
    const message = parse(raw);
    if (message) applyInvalidation(message, targets);
  });
  const subscribe = () => {
    subscriber.subscribe(INVALIDATION_CHANNEL).then(
      () => {
        if (subscribedBefore) {
          targets.keys.clear();
          targets.clients.clear();
          targets.apps.clear();
          console.warn("[cache-invalidation] subscribed again: caches flushed (messages may have been missed)");
        }
        subscribedBefore = true;
        resolveReady();
      },
      () => {
        // Retried on the next "ready".
      },
    );
  };
  // ioredis re-subscribes by itself on reconnect, but subscribing on every "ready" is what
  // tells us a reconnect happened; a repeated SUBSCRIBE is harmless.
  subscriber.on("ready", subscribe);
  return { ready, stop: () => subscriber.disconnect() };
}

/** This process's change: its caches at once, the other instances over Redis (lib/runtime.ts wires both). */
export function invalidate(message: Invalidation): Promise<void> {
  const { caches, redis } = portal();
  return publishInvalidation(message, { keys: caches.keys, clients: caches.clients, apps: caches.appStatuses }, redis);
}
