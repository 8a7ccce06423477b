import type { ProductDto } from "../../schemas/product";
import { depositProducts, type DepositProductType } from "./deposit-products";
import { toProductDto } from "./product-dto";

/** The catalogue, in its published order; it is small, so always one page. */
export function listProducts(options: { type?: DepositProductType }): { data: ProductDto[]; next_cursor: null } {
  return { data: depositProducts.filter((product) => !options.type || product.type === options.type).map(toProductDto), next_cursor: null };
}
