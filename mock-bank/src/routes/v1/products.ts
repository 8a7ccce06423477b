import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { getProductOrThrow } from "../../domain/products/get-product-or-throw";
import { listProducts } from "../../domain/products/list-products";
import { ListProductsQuery, Product, ProductList, ProductParams } from "../../schemas/product";
import { problemResponses, jsonResponse } from "../../schemas/problem";

const products: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/products",
    {
      schema: {
        operationId: "listProducts",
        tags: ["Products"],
        summary: "List deposit products",
        description: [
          "The bank's deposit products with their rates and rules: a current account, an easy-access saver, a 95-day notice saver and 1- and 2-year fixed-rate bonds. Open one with `POST /v1/accounts` and its `product_id`.",
          "",
          "- Interest accrues daily on the end-of-day balance at `gross_rate` ÷ 365 and is paid monthly (savers) or at maturity (bonds) as the sandbox clock moves (`POST /v1/sandbox/clock/advance`).",
          "- A bond is funded once, from the customer's own account, when it opens; withdrawals before `matures_on` are a 422 `early_withdrawal_not_allowed`, further deposits a 422 `deposit_not_accepted`.",
        ].join("\n"),
        querystring: ListProductsQuery,
        response: { 200: jsonResponse("Every product (of the type asked for).", ProductList), ...problemResponses() },
      },
    },
    async (request) => listProducts({ type: request.query.type }),
  );

  app.get(
    "/products/:product_id",
    {
      schema: {
        operationId: "getProduct",
        tags: ["Products"],
        summary: "Get a deposit product",
        description:
          "Returns one deposit product with its AER, gross rate, when interest is paid, the deposit limits and the access rules.",
        params: ProductParams,
        response: {
          200: jsonResponse("The product.", Product),
          ...problemResponses({ 404: "`resource_not_found`: no such product (see `GET /v1/products`)." }),
        },
      },
    },
    async (request) => getProductOrThrow(request.params.product_id),
  );
};

export default products;
