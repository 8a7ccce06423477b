import { Prisma } from "@prisma/client";
import { sendVerificationEmail } from "@/lib/account/send-verification-email";
import { db } from "@/lib/db";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { hashPassword } from "./password-hash";
import { accountThrottle, enforceThrottleCheck } from "./throttles";
import { signUpSchema, type SignUpInput } from "./schemas";
import { userDtoSelect, type UserDto } from "./types";

function emailTaken(): AppError {
  return new AppError("email_taken", undefined, {
    errors: [{ pointer: "/body/email", detail: "An account with this email already exists" }],
  });
}

/**
 * Creates a developer account: the user, their personal team ("Ada's team") and the owner
 * membership, in one nested write (one transaction), then emails a link to verify the address
 * (unless `emailVerified`: the address is already proved, e.g. by an invitation link). Throws
 * ZodError on invalid input and AppError("email_taken") when the normalised email is in use.
 *
 * "Taken" says an account exists, so it is rationed per client address (`ip`, from the public
 * route): once an address has had ten in an hour, every sign-up from it is refused with 429 until
 * the window moves, whatever the email, so the answer can no longer be used to list accounts.
 */
export async function signUp(input: SignUpInput, options: { emailVerified?: boolean; ip?: string } = {}): Promise<UserDto> {
  const { name, email, password } = signUpSchema.parse(input);
  const taken = accountThrottle("signUpTaken");
  if (options.ip) await enforceThrottleCheck(taken, options.ip);
  // Checked first so a taken email does not cost a bcrypt hash; the unique index decides races.
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    if (options.ip) await taken.attempt(options.ip);
    throw emailTaken();
  }

  const passwordHash = await hashPassword(password);
  let user: UserDto;
  try {
    user = await db().user.create({
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
  if (!options.emailVerified) await sendVerificationEmail(user);
  return user;
}
