import { defineConfig } from "vitest/config";

// Two cores: one worker, threads pool (cheaper per file than forks).
export default defineConfig({
  test: {
    pool: "threads",
    isolate: false,
    include: ["sim/**/*.test.ts", "bin/**/*.test.ts", "property-tests/**/*.test.ts", "scenarios/**/*.test.ts", "web/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
