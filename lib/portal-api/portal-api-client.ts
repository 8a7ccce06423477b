import createClient from "openapi-fetch";
import type { paths } from "./schema";

/**
 * The dashboard's client of the portal API, typed by `schema.d.ts` (generated from
 * `/api/openapi.json` by `npm run client:generate`): paths, parameters, bodies and answers are
 * checked at compile time. Each call resolves to `{ data, error, response }` and never throws on
 * a 4xx/5xx (the problem+json body is `error`); `useApiAction` turns that into UI state.
 *
 *   const { data } = await portalApi.POST("/api/apps/{appId}/keys", { params: { path: { appId } }, body: { name } });
 */
export const portalApi = createClient<paths>({
  // Same origin: the session cookie goes with every call, and the API refuses other origins.
  baseUrl: typeof window === "undefined" ? "http://localhost" : window.location.origin,
  headers: { accept: "application/json" },
});

export type PortalApi = typeof portalApi;
