import { AppError } from "@openbank/contracts/errors";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import type { UserDto } from "@/lib/auth/types";
import { withErrors } from "./route-handler";
import { assertSameOrigin } from "./same-origin";

type Params = Record<string, string | string[] | undefined>;

export type UserRouteHandler<P extends Params> = (args: {
  request: Request;
  user: UserDto;
  params: P;
}) => Response | Promise<Response>;

/** withUser with the session lookup injected (tests). */
export function createWithUser(getUser: () => Promise<UserDto | null>) {
  return function withUser<P extends Params = Params>(handler: UserRouteHandler<P>) {
    return withErrors(async (request: Request, context: { params: Promise<P> }) => {
      assertSameOrigin(request); // before the session: a forged request learns nothing
      const user = await getUser();
      if (!user) throw new AppError("unauthenticated");
      return handler({ request, user, params: await context.params });
    });
  };
}

/**
 * For cookie-authenticated portal APIs: problem+json errors, the same-origin CSRF check on
 * mutations, and a signed-in user (401 unauthenticated otherwise).
 *
 *   export const PATCH = withUser<{ appId: string }>(async ({ request, user, params }) => …);
 */
export const withUser = createWithUser(getCurrentUser);
