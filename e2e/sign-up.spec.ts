import { expect, test } from "./fixtures";
import { fillSignUp, GOOD_PASSWORD, screenshotPage, signUp, uniqueEmail } from "./helpers";

test("sign-up explains a weak password, and answers a taken email as a new one (check your inbox), without a server error", async ({
  page,
  context,
}) => {
  const serverErrors: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });

  const { email } = await signUp(page);
  await context.clearCookies();

  await page.goto("/signup");
  const password = page.getByLabel("Password", { exact: true });
  await fillSignUp(page, { email: uniqueEmail("weak"), password: "short" });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/at least 10 characters/);
  await expect(page).toHaveURL(/\/signup$/);

  await fillSignUp(page, { email: uniqueEmail("weak"), password: "password123" });
  await expect(password).toHaveAccessibleDescription(/too common/);

  // A taken address with another password: the API answers as for a new one (it never says
  // "taken"); the form's sign-in then fails, so it points to the inbox, where the owner has a mail.
  await fillSignUp(page, { email, password: `${GOOD_PASSWORD}-other` });
  const notice = page.getByRole("status").filter({ hasText: "Check your inbox" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(`If ${email} already has an account`);
  await expect(notice.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  await expect(page.getByLabel("Work email")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signup$/);
  await screenshotPage(page, "sign-up-check-inbox");

  expect(serverErrors).toEqual([]);
});
