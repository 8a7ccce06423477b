import { AppError } from "@openbank/contracts/errors";
import type { ProductDto } from "../../schemas/product";
import { findDepositProduct } from "./deposit-products";
import { toProductDto } from "./product-dto";

export function getProductOrThrow(productId: string): ProductDto {
  const product = findDepositProduct(productId);
  if (!product) throw new AppError("resource_not_found", `No product with id ${productId}; see GET /v1/products.`);
  return toProductDto(product);
}
