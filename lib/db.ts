import type { PrismaClient } from "@prisma/client";
import { portal } from "./runtime";

/** The portal's database client, built once at start (lib/runtime.ts). Only portal models are used through it. */
export function db(): PrismaClient {
  return portal().db;
}
