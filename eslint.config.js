// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "docs/api/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js", "scripts/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "no-console": "error",
      // With noUncheckedIndexedAccess, `xs[i]!` in numeric loops is the deliberate idiom.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: [
      "src/cli.ts",
      "src/cli/**/*.ts",
      "bench/**/*.ts",
      "scripts/**/*.ts",
      "examples/**/*.ts",
    ],
    rules: { "no-console": "off" },
  },
  {
    // Reference values are quoted with all the digits their source prints.
    files: ["test/**/*.ts"],
    rules: { "no-loss-of-precision": "off" },
  },
  {
    files: ["eslint.config.js", "scripts/*.mjs"],
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: "readonly", process: "readonly" },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, "no-console": "off" },
  },
);
