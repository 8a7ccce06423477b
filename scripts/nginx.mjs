// nginx in front of several instances on one machine (`npm run start:cluster`), from Debian's
// nginx-light: round-robin over keep-alive upstream connections, bodies streamed both ways,
// X-Forwarded-For / -Proto set for lib/auth/trusted-proxies.ts (start:cluster trusts loopback), and health checks of two kinds:
//   - passive (nginx's own): a refused or failed connection takes the instance out for
//     `fail_timeout` and the request goes to the next one (GET/HEAD only, never a POST that
//     may have been processed);
//   - active (here): GET <health path> on every instance each second; two failures mark it
//     `down` in the config and nginx reloads it, one success brings it back.
// When no instance can answer, the client gets a problem+json 503 with Retry-After.
// As a module: startNginx({ dir, balancers: [{ name, host, port, upstreams, healthPath }], docsBaseUrl })
//   → { ready, healthy(), stop() }.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((candidate) => spawnSync(candidate, ["-v"]).status === 0);

/** Where nginx is, or null (install Debian's nginx-light; .ci/run does). */
export const nginxBinary = () => NGINX ?? null;

function problem503(docsBaseUrl) {
  return JSON.stringify({
    type: `${docsBaseUrl.replace(/\/$/, "")}/docs/errors#service_unavailable`,
    title: "No instance can answer right now",
    status: 503,
    detail: "Every instance behind the load balancer is down or restarting. Retry after the seconds in Retry-After.",
    code: "service_unavailable",
  });
}

/** nginx.conf for the balancers; `down` lists upstream URLs the active checks took out. */
export function nginxConfig({ dir, balancers, docsBaseUrl, down = new Set() }) {
  const blocks = balancers.map(({ name, port, host = "127.0.0.1", upstreams }) => {
    const servers = upstreams
      .map((url) => `    server ${new URL(url).host} max_fails=2 fail_timeout=5s${down.has(url) ? " down" : ""};`)
      .join("\n");
    return `
  upstream ${name} {
${servers}
    keepalive 64;
  }
  server {
    listen ${host}:${port};
    location / {
      proxy_pass http://${name};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_request_buffering off;
      proxy_buffering off;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout;
      proxy_intercept_errors off;
      error_page 502 503 504 = @unavailable;
    }
    location @unavailable {
      default_type application/problem+json;
      add_header Retry-After 1 always;
      add_header Cache-Control no-store always;
      return 503 '${problem503(docsBaseUrl)}';
    }
  }`;
  });
  const temp = (name) => path.join(dir, "temp", name);
  return `# Written by scripts/nginx.mjs; regenerated on every start and health change.
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_max_body_size 10m;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  keepalive_timeout 65s;
${blocks.join("\n")}
}
`;
}

function probe(url, healthPath, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.get(new URL(healthPath, url), { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(false));
  });
}

async function listening(port, deadline) {
  while (Date.now() < deadline) {
    const up = await new Promise((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/", timeout: 500 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.on("error", () => resolve(false));
      request.on("timeout", () => request.destroy());
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on :${port} in time`);
}

export function startNginx({ dir, balancers, docsBaseUrl = "http://localhost:3000", healthIntervalMs = 1_000, log = console.log }) {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx is not installed: apt-get install nginx-light (Debian)");
  for (const name of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, "temp", name), { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  const down = new Set();
  const write = () => writeFileSync(conf, nginxConfig({ dir, balancers, docsBaseUrl, down }));
  write();
  const args = ["-p", dir, "-c", conf];
  const check = spawnSync(binary, [...args, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx refused its config: ${check.stderr}`);
  const child = spawn(binary, [...args, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });

  const failures = new Map();
  const timer = setInterval(async () => {
    let changed = false;
    for (const { upstreams, healthPath } of balancers) {
      for (const url of upstreams) {
        const ok = await probe(url, healthPath, healthIntervalMs);
        const count = ok ? 0 : (failures.get(url) ?? 0) + 1;
        failures.set(url, count);
        if (ok && down.has(url)) {
          down.delete(url);
          changed = true;
          log(`nginx: ${url} back in rotation`);
        } else if (count >= 2 && !down.has(url)) {
          down.add(url);
          changed = true;
          log(`nginx: ${url} out of rotation (health check failed twice)`);
        }
      }
    }
    if (changed) {
      write();
      spawnSync(binary, [...args, "-s", "reload"]);
    }
  }, healthIntervalMs);
  timer.unref();

  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    process: child,
    exited,
    ready: Promise.all(balancers.map(({ port }) => listening(port, Date.now() + 10_000))),
    healthy: () => balancers.flatMap(({ upstreams }) => upstreams.filter((url) => !down.has(url))),
    stop: async () => {
      clearInterval(timer);
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
    },
  };
}
