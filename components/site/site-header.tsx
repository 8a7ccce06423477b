import { StepUpDialog } from "@/components/account/step-up-dialog";
import { ButtonLink } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { ssoDisplay } from "@/lib/sso/sso-config";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    // Opaque: a see-through header over a light Swagger UI in dark mode (or a dark code block in light) left its muted links below 4.5:1.
    <header className="sticky top-0 z-40 border-b border-border bg-surface">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:gap-6 sm:px-6">
        <Logo />
        <nav aria-label="Main" className="flex items-center gap-0.5">
          <NavLink href="/docs" match="/docs">
            Docs
          </NavLink>
          {user && <NavLink href="/dashboard">Dashboard</NavLink>}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {/* Narrow screens have no room in the header: the footer carries the same toggle. */}
          <ThemeToggle className="hidden sm:flex" />
          {user ? (
            <>
              <UserMenu user={{ name: user.name, email: user.email }} />
              <StepUpDialog ssoName={ssoDisplay()?.name} />
            </>
          ) : (
            <>
              <ButtonLink href="/signin" variant="ghost" size="sm">
                Sign in
              </ButtonLink>
              <ButtonLink href="/signup" size="sm">
                Sign up
              </ButtonLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
