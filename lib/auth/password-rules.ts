/** Password limits and the words that explain them; zod-free so client forms can import it. */
export const PASSWORD_MIN_LENGTH = 10;

/** bcrypt ignores everything after 72 bytes; refuse rather than silently truncate. */
export const PASSWORD_MAX_BYTES = 72;

/** The hint shown under password fields. Keep in step with passwordProblems(). */
export const PASSWORD_RULES =
  "At least 10 characters, mixing letters with numbers or symbols. Avoid common passwords and your email address.";
