// Lint rules for the web client: typescript-eslint's strict type-checked set, the rules of hooks,
// and nothing that Prettier decides (eslint-config-prettier switches those off).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // vite.config.ts is type-checked by Vite itself when it loads it; node's types are not in this project.
  { ignores: ["dist/", "node_modules/", "vite.config.ts"] },
  js.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Numbers and booleans in template literals read naturally in messages and keys.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // With noUncheckedIndexedAccess every indexed read is optional; where the index was just
      // checked (or the element was just put there), `!` states that more plainly than a fallback.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Only matters to the React Compiler, which this build does not use (TanStack Virtual's hooks).
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    // Browser tests run in Node and hand callbacks to the page, which run there.
    files: ["e2e/**/*.mjs", "scripts/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
