import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createFxQuote } from "../../domain/fx/create-fx-quote";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { CreateFxQuoteBody, FxQuote } from "../../schemas/fx";
import { IN_FLIGHT, problemResponses, jsonResponse } from "../../schemas/problem";

const QuoteHeaders = z.looseObject({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7E]{1,255}$/, "must be 1-255 visible ASCII characters")
    .optional()
    .describe("Optional. With it, a retry with the same key and body returns the same quote (see `POST /v1/payments`)."),
});

const fx: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/fx/quotes",
    {
      // A quote prices a payment; it moves no money, so Sandbox-Scenario: insufficient_funds passes it.
      config: { movesMoney: false, idempotency: "optional" },
      schema: {
        operationId: "createFxQuote",
        tags: ["FX"],
        summary: "Get an FX quote",
        description:
          "Quotes selling an amount of one currency for another: the rate (mid-market minus a 0.5% spread), what the beneficiary receives, our fee (0.25%, at least 2.00 of the sell currency) and an expiry 60 seconds ahead on the sandbox clock. Pay it with `POST /v1/payments` (`scheme: international`, `quote_id`) before it expires; a quote pays once (`quote_expired` otherwise). Sandbox rates are fixed, so amounts are reproducible.",
        headers: QuoteHeaders,
        body: CreateFxQuoteBody,
        response: {
          201: jsonResponse("The quote.", FxQuote),
          ...problemResponses({ 409: IN_FLIGHT, 422: "`idempotency_key_reused`: the key was used for another request." }),
        },
      },
    },
    async (request, reply) => {
      const quote = await createFxQuote({
        db: app.db,
        tenantId: request.tenantId,
        now: tenantNow(request.tenant!, app.now()),
        input: request.body,
      });
      return reply.code(201).send(quote);
    },
  );
};

export default fx;
