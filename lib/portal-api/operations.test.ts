import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startTestPortal } from "@/tests/support/test-portal";
import type { Operation } from "./define-operation";
import { portalOperations } from "./operations";

startTestPortal();

const API_DIR = path.resolve(__dirname, "../../app/api");
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
/**
 * Not REST operations of ours: next-auth's own endpoints (its sign-in form, CSRF token and
 * callbacks), and the MCP server's Streamable HTTP endpoint (JSON-RPC, MCP's own transport).
 */
const NOT_OURS = new Set(["/api/auth/[...nextauth]", "/api/mcp"]);

/** Every `app/api/**\/route.ts`, as its URL path: `/api/apps/[appId]/keys`. */
function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [`/api${path.dirname(full).slice(API_DIR.length)}`] : [];
  });
}

/** `/api/apps/[appId]/keys` → `/api/apps/{appId}/keys`. */
const toOpenApiPath = (routePath: string) => routePath.replace(/\[([^\].]+)\]/g, "{$1}");

describe("the portal API's operations", () => {
  it("are exactly the handlers the route files export, each at its own path and method", async () => {
    const served: Operation[] = [];
    for (const routePath of routeFiles().filter((route) => !NOT_OURS.has(route))) {
      const file = path.join(API_DIR, routePath.slice("/api".length), "route.ts");
      const routeModule = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      const exported = METHODS.filter((method) => method in routeModule);
      expect(exported.length, `${routePath} exports no handler`).toBeGreaterThan(0);
      for (const method of exported) {
        const operation = (routeModule[method] as { operation?: Operation }).operation;
        expect(operation, `${method} ${routePath} is not declared: wrap it in handle(operation, …)`).toBeDefined();
        expect(`${operation!.method} ${operation!.path}`).toBe(`${method} ${toOpenApiPath(routePath)}`);
        served.push(operation!);
      }
    }
    const key = (operation: Operation) => `${operation.method} ${operation.path}`;
    expect(served.map(key).sort()).toEqual(portalOperations.map(key).sort());
  });

  it("have unique operation ids, and path parameters that match their paths", () => {
    const ids = portalOperations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of portalOperations) {
      const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = operation.params ? Object.keys((operation.params as unknown as { shape: object }).shape).sort() : [];
      expect(declared, operation.operationId).toEqual(inPath);
    }
  });

  it("name their app or team in the path when access depends on it", () => {
    for (const operation of portalOperations) {
      const { access } = operation;
      if (typeof access === "object" && "app" in access) expect(operation.path, operation.operationId).toContain("{appId}");
      if (typeof access === "object" && "team" in access) expect(operation.path, operation.operationId).toContain("{teamId}");
    }
  });
});
