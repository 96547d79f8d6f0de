// Plain JavaScript rather than next.config.ts: a TypeScript config makes
// `next start` load Next's SWC compiler (a 23 MB native module) into the
// server just to read these lines (issue 12's memory target).

/** @type {import("next").NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@open-spaced-repetition/binding"],
  // A personal study app: no telemetry, no remote images, nothing fetched at build.
  poweredByHeader: false,
  // Types are checked once, by `npm run typecheck` (tsc --noEmit over app, lib
  // and tests), which `npm test` and CI run before anything else; `next build`
  // checking them again would only double the slowest step of a build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
