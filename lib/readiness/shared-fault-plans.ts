import type Redis from "ioredis";
import { createRedis } from "../redis";
import type { FaultPlan, GatewayFault, PlanHeader, ReadinessFaults, SharedFaultStore } from "./readiness-faults";

/**
 * Readiness fault plans shared by every portal instance (scale-out mode, REDIS_URL).
 *
 * In Redis, per app: `<prefix>:plan:<appId>` holds the plan's header (run, check, method, path,
 * expiry) and `<prefix>:faults:<appId>:<runId>:<checkId>` the list of its faults; both expire at
 * the run's time limit. A call takes its fault with one LPOP, so each planned fault is used once
 * cluster-wide, and a list named by an older plan (an instance that has not heard of the newer
 * one yet) is empty. Setting and clearing publish on one channel in the same MULTI as the write,
 * so an instance that hears of a plan finds it stored; each instance's listener keeps its own Map
 * (the gateway's filter) in step, and reloads every plan from Redis whenever it (re)subscribes.
 */
export const FAULT_PLAN_CHANNEL = "openbank:readiness-fault-plans";
const PREFIX = "openbank:readiness";

type Change = { op: "set"; appId: string; plan: PlanHeader } | { op: "clear"; appId: string; runId?: string };

const planKey = (prefix: string, appId: string) => `${prefix}:plan:${appId}`;
const faultsKey = (prefix: string, appId: string, plan: Pick<PlanHeader, "runId" | "checkId">) =>
  `${prefix}:faults:${appId}:${plan.runId}:${plan.checkId}`;

// Deletes the app's plan and its faults, only if it is the named run's (ARGV[1], or any when empty), and publishes the change.
const CLEAR_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local plan = cjson.decode(raw)
if ARGV[1] ~= '' and plan.runId ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], ARGV[2] .. plan.runId .. ':' .. plan.checkId)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

function header(plan: FaultPlan | PlanHeader): PlanHeader {
  return {
    runId: plan.runId,
    checkId: plan.checkId,
    expiresAt: plan.expiresAt,
    method: plan.method,
    pathPrefix: plan.pathPrefix,
  };
}

function parseChange(raw: string): Change | null {
  try {
    const change = JSON.parse(raw) as Change;
    if (typeof change.appId !== "string") return null;
    if (change.op === "clear") return { op: "clear", appId: change.appId, runId: change.runId };
    if (change.op === "set" && change.plan && typeof change.plan.runId === "string")
      return { op: "set", appId: change.appId, plan: header(change.plan) };
  } catch {
    // not ours
  }
  return null;
}

/** The store over a command connection (`prefix`/`channel`: tests keep their own). */
export function redisFaultStore(redis: Redis, options: { prefix?: string; channel?: string } = {}): SharedFaultStore {
  const prefix = options.prefix ?? PREFIX;
  const channel = options.channel ?? FAULT_PLAN_CHANNEL;
  return {
    async set(appId, plan) {
      const list = faultsKey(prefix, appId, plan);
      const change: Change = { op: "set", appId, plan: header(plan) };
      const write = redis
        .multi()
        .set(planKey(prefix, appId), JSON.stringify(header(plan)), "PXAT", plan.expiresAt)
        .del(list);
      if (plan.faults.length) write.rpush(list, ...plan.faults.map((fault) => JSON.stringify(fault))).pexpireat(list, plan.expiresAt);
      const results = await write.publish(channel, JSON.stringify(change)).exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error("the transaction was discarded");
    },
    async clear(appId, runId) {
      const change: Change = { op: "clear", appId, ...(runId ? { runId } : {}) };
      await redis.eval(CLEAR_SCRIPT, 1, planKey(prefix, appId), runId ?? "", `${prefix}:faults:${appId}:`, channel, JSON.stringify(change));
    },
    async take(appId, plan) {
      const raw = await redis.lpop(faultsKey(prefix, appId, plan));
      return raw ? (JSON.parse(raw) as GatewayFault) : null;
    },
  };
}

/** Every plan stored now, by app (a listener's reload after it (re)subscribes). */
async function loadPlans(redis: Redis, prefix: string): Promise<Map<string, PlanHeader>> {
  // The command connection does not queue while it connects (lib/redis.ts): wait for it.
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  const plans = new Map<string, PlanHeader>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:plan:*`, "COUNT", 200);
    cursor = next;
    const values = keys.length ? await redis.mget(...keys) : [];
    keys.forEach((key, index) => {
      if (values[index]) plans.set(key.slice(`${prefix}:plan:`.length), header(JSON.parse(values[index]!) as PlanHeader));
    });
  } while (cursor !== "0");
  return plans;
}

/**
 * Keeps `faults`' Map in step with the cluster's plans: a dedicated subscriber applies each
 * published change; every (re)subscription reloads the stored plans through `redis` (messages
 * sent while it was away are lost). Returns when it is first subscribed and loaded, and a stop.
 */
export function listenForFaultPlans(options: { url: string; redis: Redis; faults: ReadinessFaults; prefix?: string; channel?: string }): {
  ready: Promise<void>;
  stop: () => void;
} {
  const prefix = options.prefix ?? PREFIX;
  const channel = options.channel ?? FAULT_PLAN_CHANNEL;
  const subscriber = createRedis(options.url, { name: "readiness-fault-plans", subscriber: true });
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  subscriber.on("message", (from: string, raw: string) => {
    if (from !== channel) return;
    const change = parseChange(raw);
    if (change) options.faults.apply(change);
  });
  subscriber.on("ready", () => {
    subscriber
      .subscribe(channel)
      .then(() => loadPlans(options.redis, prefix))
      .then(
        (plans) => {
          options.faults.replaceShared(plans);
          resolveReady();
        },
        (error: Error) => console.warn(`[readiness] fault plans not reloaded (${error.message}); retried when Redis is back`),
      );
  });
  return { ready, stop: () => subscriber.disconnect() };
}
