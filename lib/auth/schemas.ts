import { z } from "zod";
import { passwordEmailProblem, passwordSchema } from "./password-policy";

/** Emails are stored and compared trimmed and lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .max(254, "Email addresses are at most 254 characters")
  .pipe(z.email({ error: "Enter an email address like name@example.com" }));

export const nameSchema = z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Use at most 100 characters");

export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema }).superRefine((input, ctx) => {
  // Needs the email, so it runs once the fields are valid on their own.
  const message = passwordEmailProblem(input.password, input.email);
  if (message) ctx.addIssue({ code: "custom", path: ["password"], message });
});

export type SignUpInput = z.input<typeof signUpSchema>;

/** What the sign-in form posts. Loose on purpose: anything that fails here is simply a wrong login. */
export const credentialsSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(1024),
});
