/** The only shape of a user that leaves lib/auth: never the row, never the hash. */
export type UserDto = { id: string; email: string; name: string };

export const userDtoSelect = { id: true, email: true, name: true } as const;
