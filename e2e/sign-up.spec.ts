import { expect, test } from "./fixtures";
import { fillSignUp, GOOD_PASSWORD, signUp, uniqueEmail } from "./helpers";

test("sign-up explains a weak password and a taken email, without a server error", async ({ page, context }) => {
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

  await fillSignUp(page, { email, password: GOOD_PASSWORD });
  const emailField = page.getByLabel("Work email");
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(emailField).toHaveAccessibleDescription(/already exists/);
  await expect(page).toHaveURL(/\/signup$/);

  expect(serverErrors).toEqual([]);
});
