import { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { hashPassword } from "./password-hash";
import { signUpSchema, type SignUpInput } from "./schemas";
import { userDtoSelect, type UserDto } from "./types";

export function emailTaken(): AppError {
  return new AppError("email_taken", undefined, {
    errors: [{ pointer: "/body/email", detail: "An account with this email already exists" }],
  });
}

/**
 * Creates a developer account: the user, their personal team ("Ada's team") and the owner
 * membership, in one nested write (one transaction). Throws ZodError on invalid input and
 * AppError("email_taken") when the normalised email is in use. The password is hashed before
 * the write whether or not the address is taken, and the unique index (not a lookup first)
 * decides "taken", so both outcomes cost the same bcrypt hash and one insert.
 * `emailVerified`: the address is already proved (an invitation link).
 */
export async function createAccount(input: SignUpInput, options: { emailVerified?: boolean } = {}): Promise<UserDto> {
  const { name, email, password } = signUpSchema.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await db().user.create({
      data: {
        id: newId("user"),
        email,
        name,
        passwordHash,
        emailVerifiedAt: options.emailVerified ? new Date() : null,
        memberships: {
          create: {
            id: newId("membership"),
            role: "owner",
            team: { create: { id: newId("team"), name: `${name}'s team`, personal: true } },
          },
        },
      },
      select: userDtoSelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
}
