import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getApp } from "@/lib/apps/get-app";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { AppError } from "@openbank/contracts/errors";

type Props = { children: ReactNode; params: Promise<{ appId: string }> };

/**
 * Every page of an app: an app the signed-in user cannot read (another team's, or none) answers
 * a real 404 status. The check sits here, above the overview's loading skeleton ((overview)/
 * loading.tsx), because a 404 decided inside a streaming Suspense boundary arrives after a 200.
 * Signed out, or shut out by a team policy, the page itself redirects (it knows its own path).
 */
export default async function AppLayout({ children, params }: Props) {
  const { appId } = await params;
  const user = await getCurrentUser();
  if (user) {
    try {
      await getApp({ appId, userId: user.id });
    } catch (error) {
      if (error instanceof AppError && error.code === "resource_not_found") notFound();
    }
  }
  return children;
}
