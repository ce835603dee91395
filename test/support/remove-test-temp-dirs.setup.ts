import { afterAll } from "vitest";
import { removeTestTempDirs } from "./test-temp-dirs.js";

// vitest setupFiles: runs in every test file's module graph, so this sees the folders that file made.
afterAll(removeTestTempDirs);
