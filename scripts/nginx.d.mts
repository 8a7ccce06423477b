export type Balancer = { name: string; host?: string; port: number; upstreams: string[]; healthPath: string };
export function nginxBinary(): string | null;
export function nginxConfig(options: { dir: string; balancers: Balancer[]; docsBaseUrl: string; down?: Set<string> }): string;
export function startNginx(options: {
  dir: string;
  balancers: Balancer[];
  docsBaseUrl?: string;
  healthIntervalMs?: number;
  log?: (line: string) => void;
}): { ready: Promise<unknown>; exited: Promise<unknown>; healthy(): string[]; stop(): Promise<void> };
