import { redirect } from "next/navigation";
import { getCurrentUser } from "./get-current-user";
import { DEFAULT_CALLBACK_PATH, safeCallbackPath } from "./safe-callback-url";
import type { UserDto } from "./types";

/**
 * The signed-in user for a page, or a redirect to /signin that comes back to `callbackUrl`
 * (the page's own path, e.g. "/dashboard/apps/app_123").
 */
export async function requireUser(options: { callbackUrl?: string } = {}): Promise<UserDto> {
  const user = await getCurrentUser();
  if (!user) {
    const back = safeCallbackPath(options.callbackUrl, { fallback: DEFAULT_CALLBACK_PATH });
    redirect(`/signin?${new URLSearchParams({ callbackUrl: back })}`);
  }
  return user;
}
