import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // next.config.js is CommonJS (the package is not "type": "module"): require is how it loads JSON.
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  // Every e2e spec's `test` comes from e2e/fixtures.ts, which fails a test on any CSP violation.
  {
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: "Import test from ./fixtures: it fails any test whose pages report a CSP violation.",
            },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
