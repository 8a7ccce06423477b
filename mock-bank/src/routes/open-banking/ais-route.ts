import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { AisResource } from "../../domain/open-banking/ais-permissions";
import type { AisCall } from "../../domain/open-banking/authorize-ais-call";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { AccountIdParams, FapiHeaders, obErrorResponses, obJson } from "../../schemas/open-banking/ais-common";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A UK account information route: the resource it reads (its permissions: domain/open-banking/ais-permissions.ts). */
    ais?: { resource: AisResource };
  }
  interface FastifyRequest {
    /** Set on AIS resource routes: what the customer's consent lets the call read. */
    aisCall: AisCall | null;
  }
}

type Params = z.infer<typeof AccountIdParams> & { StatementId?: string };

/** What an AIS read handler gets: the judged consent, the accounts the path names (or all the consent's), the clock. */
export type AisContext = {
  request: FastifyRequest;
  call: AisCall;
  params: Params;
  /** [AccountId] for /accounts/{AccountId}/…, else every account of the consent. */
  accountIds: string[];
  tenantNow: Date;
};

/**
 * Declares one AIS read (GET, a customer's token with scope accounts): its document entry (the
 * official operationId and tag, the errors the document lists) and its handler, which receives the
 * consent already judged for the resource (aisp.ts's preHandler).
 */
export function aisGet<S extends z.ZodType>(
  app: FastifyInstance,
  definition: {
    url: string;
    operationId: string;
    tag: string;
    summary: string;
    description: string;
    resource: AisResource;
    params?: z.ZodType;
    querystring?: z.ZodType;
    response: S;
    notFound?: boolean;
    handle: (context: AisContext) => Promise<z.input<S>>;
  },
) {
  app.withTypeProvider<ZodTypeProvider>().get(
    definition.url,
    {
      config: {
        standardAccess: { caller: "consent", scope: "accounts", standard: "uk_open_banking" },
        ais: { resource: definition.resource },
      },
      schema: {
        operationId: definition.operationId,
        tags: [definition.tag],
        summary: definition.summary,
        description: definition.description,
        headers: FapiHeaders,
        ...(definition.params ? { params: definition.params } : {}),
        ...(definition.querystring ? { querystring: definition.querystring } : {}),
        response: { 200: obJson(definition.summary, definition.response), ...obErrorResponses({ notFound: definition.notFound ?? true }) },
      },
    },
    async (request) => {
      const params = (request.params ?? {}) as Params;
      const call = request.aisCall!;
      return definition.handle({
        request,
        call,
        params,
        accountIds: params.AccountId ? [params.AccountId] : call.accountIds,
        tenantNow: tenantNow(request.tenant!, app.now()),
      });
    },
  );
}
