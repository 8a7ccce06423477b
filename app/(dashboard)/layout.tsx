import type { Metadata } from "next";
import type { ReactNode } from "react";

// Signed-in pages: nothing here for search engines. Each page checks the session itself
// (layouts are not re-run on client navigation), and the API checks it again.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col">{children}</div>;
}
