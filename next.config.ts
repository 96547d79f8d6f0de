import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  // A personal study app: no telemetry, no remote images, nothing fetched at build.
  poweredByHeader: false,
};

export default nextConfig;
