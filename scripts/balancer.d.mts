/** Types for balancer.mjs (plain ESM so it runs with node alone). */
import type { Server } from "node:http";

export function startBalancer(options: {
  port: number;
  host?: string;
  upstreams: string[];
  healthPath?: string;
  healthIntervalMs?: number;
  log?: (line: string) => void;
}): { server: Server; listening: Promise<void>; healthy(): string[]; close(): Promise<void> };
