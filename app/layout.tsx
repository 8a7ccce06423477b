import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { NONCE_HEADER } from "@/lib/http/content-security-policy";
import { THEME_INIT_SCRIPT } from "@/lib/theme/theme";
import "./globals.css";

// Inter (variable weight), bundled from @fontsource: no font download at build or run time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
});

export const metadata: Metadata = {
  title: { default: "Open Bank Developers", template: "%s · Open Bank Developers" },
  description:
    "Build on a real bank, in a sandbox: accounts, payments, lending, identity and wealth APIs with test customers, webhooks and sandbox keys in a minute.",
  applicationName: "Open Bank Developers",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#101828" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The nonce of this response's Content-Security-Policy (proxy.ts): reading the request makes
  // every page render per request, as a nonce must be fresh for each.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // The inline script adds `light`/`dark` to <html> before hydration: React is told to expect it.
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only rounded-control bg-primary px-4 py-2 text-sm font-medium text-primary-fg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="flex flex-1 flex-col focus:outline-none">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
