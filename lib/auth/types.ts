import { z } from "zod";
import { resourceId, text } from "@/lib/portal-api/schemas";

/** The only shape of a user that leaves lib/auth: never the row, never the hash. */
export const userDto = z.object({ id: resourceId, email: text(254), name: text(100) });

export type UserDto = z.output<typeof userDto>;

export const userDtoSelect = { id: true, email: true, name: true } as const;
