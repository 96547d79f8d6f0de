// The recommended JS and TypeScript rules, React's hooks rules, and import
// boundaries that keep README's "Layout" true: each policy below is one arrow
// of that section, checked on every `npm run lint`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import boundaries from "eslint-plugin-boundaries";

/** What each folder is. A file belongs to the first pattern that holds it. */
const ELEMENTS = [
  { type: "engine", pattern: "lib/engine" },
  { type: "lab", pattern: "lib/lab" },
  { type: "answer", pattern: "lib/answer" },
  { type: "exercises", pattern: "lib/exercises" },
  { type: "content", pattern: "lib/content" },
  { type: "srs", pattern: "lib/srs" },
  { type: "stats", pattern: "lib/stats" },
  { type: "export", pattern: "lib/export" },
  { type: "prisma-client", pattern: "lib/generated" },
  { type: "db", pattern: "lib/db" },
  { type: "i18n", pattern: "lib/i18n" },
  { type: "lib", pattern: "lib" },
  { type: "app", pattern: "app" },
  { type: "components", pattern: "components" },
].map((e) => ({ ...e, partialMatch: false }));

/**
 * Server-side files that live outside lib/db (they start with
 * `import "server-only"`). A pure folder may not import them, and lib/content's
 * loader is the one file of a pure folder allowed Node's APIs.
 */
const FILES = [
  { category: "server", pattern: "lib/content/load.ts" },
  { category: "server", pattern: "lib/i18n/prefs.ts" },
  { category: "server", pattern: "lib/exercises/server.ts" },
  { category: "server", pattern: "lib/cli/**" },
];

/** Pure folders: data in, data out; time and randomness are parameters. */
const PURE = ["content", "srs", "stats", "export"];

const NODE_CORE = { module: { origin: "core" } };
const FRAMEWORKS = { module: { source: ["next", "react", "react-dom", "server-only", "client-only"] } };
const PRISMA = [{ element: { type: "prisma-client" } }, { module: { source: ["@prisma/**", "prisma", ".prisma"] } }];

const boundaryPolicies = [
  {
    from: { element: { type: "engine" } },
    disallow: { to: [{ element: { type: "!engine" } }, { module: { origin: ["external", "core"] } }] },
    message: "lib/engine is pure maths and imports nothing outside lib/engine",
  },
  {
    // The gradient lab's digits, nets, training and speeds: pure like the engine
    // it is built on; the data file comes in as a JSON import (lib/lab/load-digits.ts).
    from: { element: { type: "lab" } },
    disallow: { to: [{ element: { type: "!{lab,engine}" } }, { module: { origin: ["external", "core"] } }] },
    message: "lib/lab is pure: it imports only lib/engine and itself",
  },
  {
    from: { element: { type: "answer" } },
    disallow: { to: [{ element: { type: "!answer" } }, { module: { origin: ["external", "core"] } }] },
    message: "lib/answer reads and checks answers and imports nothing outside lib/answer",
  },
  {
    // Generators, their kit, the registry and the checker glue: pure, seeded,
    // built from the maths (lib/engine) and the answer checker (lib/answer),
    // with text per locale (lib/i18n).
    from: { element: { type: "exercises" } },
    disallow: {
      // lib/lab (pure too) for the lab-predict generator, which measures with the lab's own code.
      to: [{ element: { type: "!{exercises,engine,lab,answer,i18n}" } }, { file: { categories: "server" } }, { module: { origin: ["external", "core"] } }],
    },
    message: "lib/exercises is pure: it imports only lib/engine, lib/lab, lib/answer, lib/i18n (locales, typed text) and itself (its server side is lib/exercises/server.ts)",
  },
  {
    // Later policies win: the server side draws for a card, renders and stores attempts.
    from: { element: { type: "exercises" }, file: { categories: "server" } },
    allow: { to: [{ element: { types: ["db", "content"] } }, NODE_CORE, { module: { source: "server-only" } }] },
  },
  {
    from: { element: { types: PURE } },
    disallow: {
      to: [{ element: { types: ["db", "prisma-client", "app", "components"] } }, { file: { categories: "server" } }, NODE_CORE, FRAMEWORKS],
    },
    message: "lib/{{from.type}} is pure: it imports neither lib/db, server code, Next, React nor Node's APIs",
  },
  {
    // Later policies win: the content loader reads the notes folder.
    from: { element: { type: "content" }, file: { categories: "server" } },
    allow: { to: [NODE_CORE, { module: { source: "server-only" } }] },
  },
  {
    from: { element: { type: "!db" } },
    disallow: { to: PRISMA },
    message: "Only lib/db imports the Prisma client",
  },
  {
    from: { element: { type: "components" } },
    disallow: { to: { element: { type: "app" } } },
    message: "components/ never imports app/: keep the action beside the component that calls it",
  },
];

export default tseslint.config(
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      "node_modules/**",
      "bench/engine/node_modules/**",
      "shots/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter or a destructured field that is left out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // `let [rows, cols] = …` where only rows changes reads better than two statements.
      "prefer-const": ["error", { destructuring: "all" }],
    },
  },
  {
    // React code lives here; elsewhere a `use…` name is not a hook.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ...reactHooks.configs.flat["recommended-latest"],
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      // These three check code for the React Compiler, which this app does not
      // run. What they flag is deliberate here: Date.now() as a ref's first
      // value, a ref read to count answers, and state set in an effect after
      // hydration so the server's HTML matches (client-only time and shuffle).
      "react-hooks/purity": "off",
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    // Node scripts; the `document` uses run inside the browser page (Playwright's evaluate).
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", fetch: "readonly", Buffer: "readonly", document: "readonly" } },
  },
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "boundaries/elements": ELEMENTS,
      "boundaries/files": FILES,
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          // Packages and Node's built-ins are dependencies too, and so is a
          // file of the same folder (lib/content's parse side must not import its loader).
          checkAllOrigins: true,
          checkInternals: true,
          policies: boundaryPolicies,
        },
      ],
    },
  },
);
